#!/bin/bash
# Query steps timed with two versions of the code side by side, so both see the same load:
#   bench/ab_steps.sh BEFORE_DIR AFTER_DIR DB WORK STEP...   (STEP: track, "export facts", "export track", panel)
# BEFORE_DIR, AFTER_DIR: checkouts of govreport (e.g. `git archive <rev> | tar -x -C DIR`); each step
# runs once per version, the two at the same time, through bench_scale.py --step (CPU, peak RSS);
# the outputs land in WORK/before and WORK/after, to compare (`cmp`).
set -u
before=$1; after=$2; db=$3; work=$4; shift 4
py=${PYTHON:-python3}
for step in "$@"; do
  for side in before after; do
    dir=$before; [ $side = after ] && dir=$after
    mkdir -p "$work/$side"
    (cd "$dir" && PYTHONPATH="$dir" "$py" bench/bench_scale.py --step "$step" --db "$db" --corpus . \
       --work "$work/$side" --jobs 1 > "$work/$side.$$.out" 2>/dev/null) &
  done
  wait
  for side in before after; do echo "$side $step $(tail -1 "$work/$side.$$.out")"; rm -f "$work/$side.$$.out"; done
done
