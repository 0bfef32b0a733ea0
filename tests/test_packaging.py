"""Every data file the package reads ships in the wheel (package-data covers it)."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_package_data_covers_every_data_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["govreport"]
    package = ROOT / "govreport"
    data = [p.relative_to(package).as_posix() for p in package.rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data, "no data files found"
    uncovered = [d for d in data if not any(fnmatch.fnmatch(d, pat) for pat in patterns)]
    assert uncovered == []


def test_bundled_example_is_package_data() -> None:
    from govreport.cli.web_cmds import EXAMPLE

    assert EXAMPLE.is_file() and EXAMPLE.is_relative_to(ROOT / "govreport")
