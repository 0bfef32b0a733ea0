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


def _pins() -> dict[str, str]:
    import re

    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)$", line.strip()):
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def _requirement_names() -> list[str]:
    import re

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = list(config["dependencies"]) + [r for extra in config["optional-dependencies"].values() for r in extra]
    return [re.match(r"^[A-Za-z0-9_.\-]+", r).group(0).lower().replace("_", "-") for r in reqs]  # type: ignore[union-attr]


def test_every_declared_dependency_is_pinned_in_constraints() -> None:
    """A dependency added to pyproject.toml without a tested pin would resolve differently on a new machine."""
    pins = _pins()
    assert [name for name in _requirement_names() if name not in pins] == []


def test_the_install_commands_use_the_constraints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = next(line for line in readme.splitlines() if "pip install" in line)
    assert "-c constraints.txt" in first
    assert "-c constraints.txt -e '.[dev]'" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_the_installed_versions_are_the_pinned_ones() -> None:
    """Run in the venv the README makes: what is installed is what constraints.txt says."""
    from importlib.metadata import PackageNotFoundError, version

    pins = _pins()
    wrong = {}
    for name in _requirement_names():
        try:
            got = version(name)
        except PackageNotFoundError:
            wrong[name] = "missing"
            continue
        if got != pins.get(name):
            wrong[name] = f"{got} (pinned {pins.get(name)})"
    assert wrong == {}


def test_html_cleaner_of_lxml_imports() -> None:
    """lxml >= 6 split lxml.html.clean into lxml_html_clean; trafilatura needs it to read any web page."""
    import lxml_html_clean  # noqa: F401

    from govreport import extract

    page = ("<html><head><title>2021年政府工作报告</title></head><body><div><p>政府工作报告</p>"
            + "<p>今年经济社会发展的主要预期目标是：地区生产总值增长6%以上，城镇新增就业10万人以上。</p>" * 3
            + "</div></body></html>").encode("utf-8")
    report = extract(page)
    assert report.doc.source_format == "html"
    assert any(f.indicator == "gdp" and f.value == 6 for f in report.facts)
