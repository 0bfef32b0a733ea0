"""Readable numbers: canonical value + unit → the magnitude a report would write (table-driven)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govreport import lexicons
from govreport.errors import LexiconError
from govreport.readable import exact, readable, rules

CASES = [
    # (value, unit, value_max, shown)
    (1117000000000, "元", None, "1.12万亿元"),
    (17140000000, "元", None, "171.4亿元"),
    (24660000000000.0, "元", None, "24.66万亿元"),
    (13860000, "人", None, "1386万人"),
    (32189, "元", None, "32189元"),  # below 10万: as written
    (250000, "吨", None, "25万吨"),
    (4e12, "吨", None, "4万亿吨"),  # an outlier still reads as a number
    (7580000, "亩", None, "758万亩"),
    (7.5, "%", None, "7.5%"),
    (0.125, "%", None, "0.125%"),  # a percentage as it is
    (-0.5, "个百分点", None, "-0.5个百分点"),
    (500000000, "元", 600000000, "5–6亿元"),  # one magnitude for both ends
    (80000, "元", 120000, "8–12万元"),
    (-2500000000, "元", None, "-25亿元"),
    (500, "米", None, "500米"),  # under a kilometre stays in metres
    (5200000, "米", None, "5200公里"),
    (250000, "户", None, "25万户"),  # a counter not in the table: the default rule
    (3, "个", None, "3个"),
    (12345678, "元", None, "1234.57万元"),
    (None, "元", None, ""),
]


@pytest.mark.parametrize(("value", "unit", "value_max", "shown"), CASES)
def test_readable(value, unit, value_max, shown) -> None:
    assert readable(value, unit, value_max) == shown


def test_lexicon_examples_hold() -> None:
    table = rules()
    assert "*" in table and "元" in table
    for unit, rule in table.items():
        value, expected = rule.example
        assert readable(value, None if unit == "*" else unit) == expected, unit


def test_exact_keeps_every_digit() -> None:
    assert exact(1117000000000, "元") == "1,117,000,000,000 元"
    assert exact(17140000000.5, "元") == "17,140,000,000.5 元"
    assert exact(5, "%", 6) == "5–6 %"
    assert exact(None, "元") == ""


def test_bad_lexicon_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    good = lexicons.read_text("readable_units.tsv")
    bad = good.replace("元\t元\t1\t万亿,亿,万", "元\t元\t1\t万,亿", 1)
    monkeypatch.setattr("govreport.readable.read_tsv", lambda name: _rows(bad))
    rules.cache_clear()
    try:
        with pytest.raises(LexiconError, match="largest"):
            rules()
    finally:
        rules.cache_clear()


def _rows(text: str) -> list[dict[str, str]]:
    import csv

    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


# -- where people read numbers: the CLI ------------------------------------------------------------

EXAMPLE = Path(__file__).resolve().parents[1] / "govreport" / "examples" / "pingdingshan_2020.txt"


def test_extract_text_format_writes_magnitudes() -> None:
    from click.testing import CliRunner

    from govreport.cli import cli

    result = CliRunner().invoke(cli, ["extract", str(EXAMPLE), "--format", "text"])
    assert result.exit_code == 0, result.output
    rows = [ln.split("\t") for ln in result.output.splitlines()[1:]]
    money = [r for r in rows if r[5] == "元"]
    assert money and "e+" not in result.output
    for r in money:  # 171.4亿 元: the number with its magnitude, the canonical unit beside it
        number = float(r[4].rstrip("万亿").split("–")[0])
        assert number < 100000 or r[4][-1] in "万亿", r
    assert any(r[4] == "171.4亿" for r in money)  # 一般公共预算收入171.4亿元


def test_cli_table_shows_readable_values(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from govreport.cli import cli

    db = tmp_path / "one.db"
    assert CliRunner().invoke(cli, ["ingest", str(EXAMPLE), "--db", str(db)]).exit_code == 0
    table = CliRunner().invoke(cli, ["facts", "--db", str(db), "--indicator", "budget_revenue", "--table"]).output
    assert "171.4亿元" in table and "17140000000" not in table
    jsonl = CliRunner().invoke(cli, ["facts", "--db", str(db), "--indicator", "budget_revenue"]).output
    assert any(json.loads(ln)["value"] == 17140000000 for ln in jsonl.splitlines())  # data stays canonical
