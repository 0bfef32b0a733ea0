"""Lexicons are data files: they load, validate, and their examples hold."""

from __future__ import annotations

import pytest
from shared_paths import SHARED

from govreport import lexicons
from govreport.errors import LexiconError
from govreport.lexicons import cues, indicators, units
from govreport.numbers import parse_quantity


def test_indicator_ids_are_the_contract() -> None:
    lines = (SHARED / "spec" / "indicators.tsv").read_text(encoding="utf-8").splitlines()[1:]
    spec_ids = [ln.split("\t")[0] for ln in lines if ln.strip()]
    assert list(indicators()) == spec_ids


def test_every_alias_is_unique_to_one_indicator() -> None:
    owner: dict[str, str] = {}
    for ind in indicators().values():
        for alias in ind.aliases:
            assert owner.setdefault(alias, ind.id) == ind.id, alias


def test_units_convert_to_spec_canonical_units() -> None:
    table = units()
    assert table["元"].canonical == "元" and table["美元"].canonical == "美元"
    assert table["斤"].factor == 0.0005 and table["斤"].canonical == "吨"
    assert table["度"].canonical == "千瓦时"
    assert table["公顷"].canonical == "亩"


@pytest.mark.parametrize(("text", "expected"), cues()["examples"]["parse_quantity"])
def test_cue_examples(text: str, expected: dict) -> None:  # type: ignore[type-arg]
    q = parse_quantity(text)
    assert q is not None
    assert q.value == pytest.approx(expected["value"])
    assert q.unit == expected["unit"]
    assert str(q.bound) == expected["bound"]


def test_bad_tsv_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "read_text", lambda name: "unit\tcanonical\tfactor\tdimension\tnotes\n斤\t吨\tx\tw\t\n")
    lexicons.units.cache_clear()
    try:
        with pytest.raises(LexiconError, match="factor"):
            lexicons.units()
    finally:
        monkeypatch.undo()
        lexicons.units.cache_clear()


def test_short_row_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "read_text", lambda name: "a\tb\tc\n1\t2\n")
    with pytest.raises(LexiconError, match="columns"):
        lexicons.read_tsv("x.tsv")
