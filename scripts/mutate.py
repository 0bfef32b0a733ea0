#!/usr/bin/env python3
"""Mutation testing: plant one small bug at a time in a module and check that its tests catch it.

    .venv/bin/python scripts/mutate.py                       # numbers, tracking, facts/, metadata/
    .venv/bin/python scripts/mutate.py --only tracking --sample 0 --jobs 2   # every site of one target

Operators (one site at a time): a comparison flipped (< ↔ >=, == ↔ !=, in ↔ not in, is ↔ is not),
+ ↔ -, * ↔ /, and ↔ or, a dropped ``not``, an integer or float constant ±1, True ↔ False, and a
``return X`` replaced by ``return None``. Each mutant is written into a private copy of the project
(with ../shared beside it, as the tests expect) and the target's tests run with ``-x``; a mutant is
killed when they fail or time out. Prints the kill rate per target and every survivor with its line.

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

#: target name → (source files, the tests that guard them)
TARGETS: dict[str, tuple[list[str], list[str]]] = {
    "numbers": (["govreport/numbers.py"], ["tests/test_numbers.py"]),
    "tracking": (["govreport/tracking.py"], ["tests/test_tracking.py", "tests/test_tracking_rules.py"]),
    "facts": ([str(p.relative_to(ROOT)) for p in sorted((ROOT / "govreport" / "facts").glob("*.py"))],
              ["tests/test_facts.py"]),
    "metadata": ([str(p.relative_to(ROOT)) for p in sorted((ROOT / "govreport" / "metadata").glob("*.py"))],
                 ["tests/test_metadata.py"]),
}

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
           "-o", "addopts=", *tests]
    try:
        r = subprocess.run(cmd, cwd=proj, env=env, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if r.returncode == 0 else "killed"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", action="append", choices=sorted(TARGETS), help="a target (repeatable)")
    ap.add_argument("--sample", type=int, default=80, help="mutants per target (0: every site)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    base = Path(tempfile.mkdtemp(prefix="govreport-mutate-"))
    try:
        projs = [_workspace(base, n) for n in range(args.jobs)]
        free = list(projs)
        total_killed = total = 0
        for name in args.only or list(TARGETS):
            files, tests = TARGETS[name]
            t0 = time.monotonic()
            if run_tests(projs[0], tests, 600) != "survived":
                print(f"{name}: its tests fail without any mutant; fix them first")
                return 2
            baseline = time.monotonic() - t0
            all_sites = [s for f in files for s in sites(f)]
            chosen = all_sites if args.sample <= 0 or args.sample >= len(all_sites) else \
                sorted(rng.sample(all_sites, args.sample), key=lambda s: (s.path, s.index))

            def one(site: Site, tests: list[str] = tests, limit: float = max(30.0, 5 * baseline)) -> tuple[Site, str]:
                proj = free.pop()
                target = proj / site.path
                original = target.read_text(encoding="utf-8")
                try:
                    target.write_text(mutant_source(site), encoding="utf-8")
                    return site, run_tests(proj, tests, limit)
                finally:
                    target.write_text(original, encoding="utf-8")
                    free.append(proj)

            with ThreadPoolExecutor(args.jobs) as pool:
                results = list(pool.map(one, chosen))
            killed = sum(1 for _, r in results if r != "survived")
            total_killed += killed
            total += len(results)
            print(f"{name}: {killed}/{len(results)} killed ({killed / max(1, len(results)):.0%}) "
                  f"of {len(all_sites)} sites; tests {baseline:.1f} s")
            for site, r in results:
                if r == "survived":
                    line = (ROOT / site.path).read_text(encoding="utf-8").splitlines()[site.line - 1].strip()
                    print(f"  survived {site.path}:{site.line}  {site.what}  | {line[:90]}")
        print(f"all: {total_killed}/{total} killed ({total_killed / max(1, total):.0%})")
        return 0
    finally:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
