#!/usr/bin/env bash
# Before a release: install govreport with the NEWEST versions its pyproject.toml allows (ignoring
# constraints.txt) in a throwaway venv, list every version that differs from constraints.txt, and run
# the test suite (browser tests excluded) against them. Not part of the default test command.
#   bash scripts/check_latest.sh [VENV_DIR]      (exit 0: the newest versions pass; 1: something broke)
set -uo pipefail
cd "$(dirname "$0")/.."
venv=${1:-$(mktemp -d)/venv}
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
if ! "$venv/bin/pip" install -q --upgrade --upgrade-strategy eager -e '.[dev]'; then
  echo "check_latest: the newest allowed versions do not install together"; exit 1
fi
echo "== versions that differ from constraints.txt (tested → newest) =="
"$venv/bin/python" - <<'PY'
import re, subprocess, sys
pin = {}
for line in open("constraints.txt", encoding="utf-8"):
    m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
    if m:
        pin[m.group(1).lower().replace("_", "-")] = m.group(2)
out = subprocess.run([sys.executable, "-m", "pip", "freeze", "--exclude-editable"], capture_output=True, text=True).stdout
now = {}
for line in out.splitlines():
    m = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)", line)
    if m:
        now[m.group(1).lower().replace("_", "-")] = m.group(2)
changed = [(k, pin.get(k, "-"), v) for k, v in sorted(now.items()) if pin.get(k) != v]
for k, a, b in changed:
    print(f"  {k}: {a} → {b}")
print(f"  ({len(changed)} of {len(now)} differ)")
PY
echo "== tests with the newest versions =="
if "$venv/bin/python" -m pytest -n 2 -q -m 'not browser' -p no:cacheprovider; then
  echo "check_latest: the newest versions pass; refresh constraints.txt with: $venv/bin/pip freeze --exclude-editable"
else
  echo "check_latest: tests FAIL with the newest versions (see above); constraints.txt keeps the tested ones"; exit 1
fi
