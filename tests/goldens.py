"""The output contracts (issue 16): what ``extract --format text|jsonl``, ``track``, ``compare``, ``panel`` and every
web page's ``.json`` twin print for a small fixed input, as files under tests/golden/.

``produce()`` makes them all; tests/test_golden.py compares them with the files and shows a unified diff,
and ``scripts/update_goldens.py`` writes them (review the diff with ``git diff tests/golden`` before
committing). Paths are relative to ../shared (the commands run there), so the files do not depend on
where the project sits."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from shared_paths import SHARED

GOLDEN = Path(__file__).resolve().parent / "golden"
#: the extract goldens: (source under ../shared, formats)
EXTRACTS = [("seeds/000_c3a01e0d5631b880.txt", ("text",)), ("seeds/002_169e54f75cef3fbb.txt", ("text", "jsonl")),
            ("corpus/national/national_2022.txt", ("text",))]
#: the small corpus database: two years of one city, three counties, two national reports
DB_SOURCES = ["seeds/000_c3a01e0d5631b880.txt", "seeds/001_b22adb992074723f.txt", "seeds/002_169e54f75cef3fbb.txt",
              "seeds/003_d19a3fbfac6a3ffe.txt", "seeds/004_18f387ea83068a96.txt",
              "corpus/national/national_2021.txt", "corpus/national/national_2022.txt"]
#: the CLI queries over that database: golden name → arguments
QUERIES = {
    "track.jsonl": ["track", "--jsonl"],
    "track_gdp.csv": ["track", "--indicator", "gdp", "--csv"],
    "compare_2021_gdp.jsonl": ["compare", "--year", "2021", "--indicator", "gdp", "--jsonl"],
    "compare_2022_gdp_growth.csv": ["compare", "--year", "2022", "--indicator", "gdp", "--measure", "growth", "--csv"],
    "panel.csv": ["panel", "--format", "csv", "--out", "-"],
    "panel_wide.csv": ["panel", "--wide", "--format", "csv", "--out", "-"],
}
#: the web pages whose JSON twins are pinned: golden name → path
PAGES = {
    "web_reports.json": "/reports.json",
    "web_reports_2021.json": "/reports.json?year=2021",
    "web_reports_county.json": "/reports.json?level=county&limit=2",
    "web_report_000.json": "/reports/000_c3a01e0d5631b880.json",
    "web_report_002.json": "/report.json?id=002_169e54f75cef3fbb",
    "web_regions.json": "/regions.json",
    "web_region_pingdingshan.json": "/regions/平顶山市.json",
    "web_tracking.json": "/tracking.json",
    "web_tracking_gdp.json": "/tracking.json?indicator=gdp",
    "web_compare.json": "/compare.json",
    "web_compare_2021_gdp.json": "/compare.json?year=2021&indicator=gdp",
    "web_search.json": "/search.json?q=高标准农田",
    "web_search_page2.json": "/search.json?q=粮食&per_page=5&page=2",
    "web_tasks_000.json": "/tasks.json?id=000_c3a01e0d5631b880",
    "web_tasks_2021.json": "/tasks.json?id=national_2021",
}


def _cli(args: list[str]) -> str:
    from click.testing import CliRunner

    from govreport.cli import cli

    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise AssertionError(f"govreport {' '.join(args)}: exit {result.exit_code}\n{result.output}")
    return result.output


def _steady(payload: object) -> object:
    """The payload without what changes from run to run: the time a report was stored (``*_at``)."""
    if isinstance(payload, dict):
        return {k: (f"<{k}>" if k.endswith("_at") and v else _steady(v)) for k, v in payload.items()}
    if isinstance(payload, list):
        return [_steady(v) for v in payload]
    return payload


def _pretty(payload: object) -> str:
    return json.dumps(_steady(payload), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _jsonl_pretty(text: str) -> str:
    """One JSON object per line, each pretty-printed (a diff then names the field that moved)."""
    return "".join(_pretty(json.loads(line)) for line in text.splitlines() if line.strip())


def produce() -> dict[str, str]:
    """Every golden: file name under tests/golden/ → its content."""
    from starlette.testclient import TestClient

    from govreport.store import open_store
    from govreport.store.ingest import ingest
    from govreport.web import create_app

    out: dict[str, str] = {}
    with contextlib.chdir(SHARED), tempfile.TemporaryDirectory(prefix="govreport-golden-") as tmp:
        for source, formats in EXTRACTS:
            stem = Path(source).stem
            for fmt in formats:
                text = _cli(["extract", source, "--format", fmt])
                out[f"extract_{stem}.{'txt' if fmt == 'text' else 'json'}"] = (
                    _jsonl_pretty(text) if fmt == "jsonl" else text)
        db = Path(tmp) / "golden.db"
        with open_store(db) as store:
            result = ingest(store, DB_SOURCES, jobs=1)
        assert not result.failed, result.failed
        for name, args in QUERIES.items():
            text = _cli([*args[:1], "--db", str(db), *args[1:]])
            out[name] = _jsonl_pretty(text) if name.endswith(".jsonl") else text
        with TestClient(create_app(db)) as client:
            for name, path in PAGES.items():
                r = client.get(path)
                if r.status_code != 200:
                    raise AssertionError(f"{path}: {r.status_code} {r.text[:300]}")
                out[name] = _pretty(r.json())
    return {name: text.replace(str(SHARED), "$SHARED") for name, text in out.items()}
