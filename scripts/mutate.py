#!/usr/bin/env python3
"""Mutation testing: plant one small bug at a time in a module and check that its tests catch it.

    .venv/bin/python scripts/mutate.py                       # numbers, tracking, facts/, metadata/ (60 each)
    .venv/bin/python scripts/mutate.py --only tracking --sample 0 --jobs 2   # every site of one target
    .venv/bin/python scripts/mutate.py --only facts --sample 120 --seed 3 --timeout 120

Operators (one site at a time): a comparison flipped (< ↔ >=, == ↔ !=, in ↔ not in, is ↔ is not),
+ ↔ -, * ↔ /, and ↔ or, a dropped ``not``, an integer or float constant ±1, True ↔ False, and a
``return X`` replaced by ``return None``. Each mutant is written into a private copy of the project
(with ../shared beside it, as the tests expect) and the target's tests run with ``-x``; a mutant is
killed when they fail or time out (``--timeout`` seconds, else five times the unmutated run). Only the
target's own test files run, with ``-x``, no cache and no xdist. Prints the kill rate per module (each
file of facts/ and metadata/ too) and every survivor with its line. Survivors that no test can kill
(the behaviour is the same: equivalent mutants) are listed with why in scripts/mutants_equivalent.md;
they are counted apart and the rate is given both raw and with them discounted.

Written by hand rather than with mutmut: mutmut runs the tests from a copy of the tree in ``mutants/``,
where ``../shared`` is not beside the project, and it mutates every function of a module at once
through a trampoline, which changes import-time behaviour of the cached grammars here. Not part of the
default test command: a full run takes minutes; run it before a release and quote it in the notes.
"""

from __future__ import annotations

import argparse
import ast
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

def _files(folder: str) -> list[str]:
    return [str(p.relative_to(ROOT)) for p in sorted((ROOT / "govreport" / folder).glob("*.py"))]


_FACTS_TESTS = ["tests/test_facts.py", "tests/test_facts_rules.py", "tests/test_facts_edges.py", "tests/test_checks.py",
                "tests/test_quantity_sentences.py", "tests/test_subjects.py", "tests/test_fast_paths.py",
                "tests/test_facts_mutants.py"]
#: target name → (source files, the tests that guard them)
TARGETS: dict[str, tuple[list[str], list[str]]] = {
    "numbers": (["govreport/numbers.py"], ["tests/test_numbers.py", "tests/test_numbers_edges.py",
                                           "tests/test_quantity_edges.py", "tests/test_quantity_sentences.py",
                                           "tests/test_numbers_mutants.py"]),
    "tracking": (["govreport/tracking.py"], ["tests/test_tracking.py", "tests/test_tracking_rules.py",
                                             "tests/test_tracking_edges.py"]),
    "facts": (_files("facts"), _FACTS_TESTS),
    "metadata": (_files("metadata"), ["tests/test_metadata.py"]),
}
EQUIVALENT = ROOT / "scripts" / "mutants_equivalent.md"

_FLIP = {ast.Lt: ast.GtE, ast.GtE: ast.Lt, ast.Gt: ast.LtE, ast.LtE: ast.Gt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_BIN = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}


@dataclass(frozen=True)
class Site:
    path: str
    index: int  # the n-th mutable node of the file, in ast.walk order
    line: int
    what: str


def _skipped_ids(tree: ast.AST) -> set[int]:
    """Docstrings, decorators (dataclass flags, cache sizes: no behaviour a test can see) and type
    annotations are no sites."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            out.update(id(n) for d in node.decorator_list for n in ast.walk(d))
        if isinstance(node, ast.AnnAssign | ast.arg) and node.annotation is not None:
            out.update(id(n) for n in ast.walk(node.annotation))
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _describe(node: ast.AST) -> str | None:
    """What mutating ``node`` does, or None when it is no site."""
    if isinstance(node, ast.Compare) and type(node.ops[0]) in _FLIP:
        return f"{type(node.ops[0]).__name__} → {_FLIP[type(node.ops[0])].__name__}"
    if isinstance(node, ast.BinOp) and type(node.op) in _BIN:
        return f"{type(node.op).__name__} → {_BIN[type(node.op)].__name__}"
    if isinstance(node, ast.BoolOp):
        return "and → or" if isinstance(node.op, ast.And) else "or → and"
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return "drop not"
    if isinstance(node, ast.Constant) and type(node.value) is bool:
        return f"{node.value} → {not node.value}"
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return f"{node.value!r} → {node.value + 1!r}"
    if isinstance(node, ast.Return) and node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None):
        return "return … → return None"
    return None


def sites(path: str) -> list[Site]:
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    skip = _skipped_ids(tree)
    out = []
    for i, node in enumerate(ast.walk(tree)):
        if id(node) in skip:
            continue
        what = _describe(node)
        if what:
            out.append(Site(path, i, getattr(node, "lineno", 0), what))
    return out


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    """Put ``new`` where ``old`` stands in its parent."""
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if value is old:
                setattr(parent, field, new)
                return
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if item is old:
                        value[i] = new
                        return


def mutant_source(site: Site) -> str:
    tree = ast.parse((ROOT / site.path).read_text(encoding="utf-8"))
    node = next(n for i, n in enumerate(ast.walk(tree)) if i == site.index)
    if isinstance(node, ast.Compare):
        node.ops[0] = _FLIP[type(node.ops[0])]()
    elif isinstance(node, ast.BinOp):
        node.op = _BIN[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):  # drop not: `not x` → `x`
        _replace(tree, node, node.operand)
    elif isinstance(node, ast.Constant) and type(node.value) is bool:
        node.value = not node.value
    elif isinstance(node, ast.Constant):
        node.value = node.value + 1
    elif isinstance(node, ast.Return):
        node.value = ast.Constant(None)
    return ast.unparse(ast.fix_missing_locations(tree))


def _workspace(base: Path, n: int) -> Path:
    """A private copy of the project at base/jobN/proj with ../shared beside it."""
    job = base / f"job{n}"
    proj = job / "proj"
    shutil.copytree(ROOT, proj, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "test-output",
                                                              "*.db", ".pytest_cache", ".hypothesis"))
    (job / "shared").symlink_to(SHARED)
    return proj


def run_tests(proj: Path, tests: list[str], timeout: float) -> str:
    env = dict(os.environ, PYTHONPATH=str(proj), PYTHONDONTWRITEBYTECODE="1")
    cmd = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
           "-o", "addopts=", *[t for t in tests if (proj / t).exists()]]
    try:
        r = subprocess.run(cmd, cwd=proj, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if r.returncode == 0 else "killed"


def _line(site: Site) -> str:
    return (ROOT / site.path).read_text(encoding="utf-8").splitlines()[site.line - 1].strip()


def equivalent_keys(path: Path = EQUIVALENT) -> set[tuple[str, str, str]]:
    """(file, mutation, stripped source line) of each row of the equivalent-mutant table: rows are
    matched by the line's text, not its number, so they survive edits elsewhere in the file."""
    if not path.exists():
        return set()
    keys = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.startswith("| govreport/"):
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", raw)[1:-1]]
        if len(cells) >= 4:
            keys.add((cells[0], cells[2], cells[3].strip("`")))
    return keys


def survivors_of(path: Path) -> set[tuple[str, str, str]]:
    """(file, mutation, first 100 characters of the line) of each survivor an earlier run printed."""
    out = set()
    for raw in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s+(?:survived|equivalent) (\S+?):\d+  (.+?)  \| (.*)$", raw)
        if m:
            out.add((m.group(1), m.group(2), m.group(3)))
            continue
        # the progress lines on stderr (a run stopped early): matched by the line's current text
        m = re.match(r"\s+\[\d+/\d+\] (\S+?):(\d+) (.+): survived$", raw)
        if m and (ROOT / m.group(1)).exists():
            lines = (ROOT / m.group(1)).read_text(encoding="utf-8").splitlines()
            out.add((m.group(1), m.group(3), lines[int(m.group(2)) - 1].strip()[:100]))
    return out


def choose(all_sites: list[Site], sample: int, rng: random.Random) -> list[Site]:
    if sample <= 0 or sample >= len(all_sites):
        return all_sites
    return sorted(rng.sample(all_sites, sample), key=lambda s: (s.path, s.index))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=sorted(TARGETS), help="a target (repeatable)")
    ap.add_argument("--file", action="append", help="only these source files of the targets (repeatable)")
    ap.add_argument("--sample", type=int, default=60, help="mutants per target (0: every site)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=1, help="mutants run at once (CPU is shared: default 1)")
    ap.add_argument("--timeout", type=float, default=0, help="seconds per mutant (0: five times the clean run)")
    ap.add_argument("--rerun", type=Path, help="only the survivors listed in this earlier output of the script")
    args = ap.parse_args()
    rerun = survivors_of(args.rerun) if args.rerun else None
    rng = random.Random(args.seed)
    equivalent = equivalent_keys()
    base = Path(tempfile.mkdtemp(prefix="govreport-mutate-"))
    try:
        projs = [_workspace(base, n) for n in range(args.jobs)]
        free = list(projs)
        total_killed = total = total_eq = 0
        for name in args.only or list(TARGETS):
            files, tests = TARGETS[name]
            files = [f for f in files if not args.file or f in args.file]
            if not files:
                continue
            t0 = time.monotonic()
            if run_tests(projs[0], tests, 900) != "survived":
                print(f"{name}: its tests fail without any mutant; fix them first")
                return 2
            baseline = time.monotonic() - t0
            limit = args.timeout or max(30.0, 5 * baseline)
            all_sites = [s for f in files for s in sites(f)]
            if rerun is not None:
                chosen = [st for st in all_sites if (st.path, st.what, _line(st)[:100]) in rerun]
            else:
                chosen = choose(all_sites, args.sample, rng)
            done = [0]

            def one(site: Site, tests: list[str] = tests, limit: float = limit,
                    n: int = len(chosen), done: list[int] = done) -> tuple[Site, str]:
                proj = free.pop()
                target = proj / site.path
                original = target.read_text(encoding="utf-8")
                try:
                    target.write_text(mutant_source(site), encoding="utf-8")
                    result = site, run_tests(proj, tests, limit)
                finally:
                    target.write_text(original, encoding="utf-8")
                    free.append(proj)
                done[0] += 1
                print(f"  [{done[0]}/{n}] {site.path}:{site.line} {site.what}: {result[1]}", file=sys.stderr,
                      flush=True)
                return result

            with ThreadPoolExecutor(args.jobs) as pool:
                results = list(pool.map(one, chosen))
            eq = {s for s, r in results if r == "survived" and (s.path, s.what, _line(s)) in equivalent}
            killed = sum(1 for _, r in results if r != "survived")
            total_killed += killed
            total += len(results)
            total_eq += len(eq)
            print(f"{name}: {killed}/{len(results)} killed ({killed / max(1, len(results)):.0%}) of "
                  f"{len(all_sites)} sites; {len(eq)} equivalent, so {killed}/{len(results) - len(eq)} "
                  f"({killed / max(1, len(results) - len(eq)):.0%}) of the others; tests {baseline:.1f} s")
            if len(files) > 1:
                for f in files:
                    mine = [(s, r) for s, r in results if s.path == f]
                    k = sum(1 for _, r in mine if r != "survived")
                    e = sum(1 for s, _ in mine if s in eq)
                    print(f"  {f}: {k}/{len(mine)} killed, {e} equivalent "
                          f"({k / max(1, len(mine) - e):.0%} of the others)")
            for site, r in results:
                if r == "survived":
                    tag = "equivalent" if site in eq else "survived"
                    print(f"  {tag} {site.path}:{site.line}  {site.what}  | {_line(site)[:100]}")
            sys.stdout.flush()
        print(f"all: {total_killed}/{total} killed ({total_killed / max(1, total):.0%}); "
              f"{total_eq} equivalent, so {total_killed / max(1, total - total_eq):.0%} of the others")
        return 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
