"""The fast query paths give what the plain ones give: the Parquet exports built from row tuples
(``export_arrow``) against the DataFrame route and an independent SQL read of the facts; tracking's
row dicts against its TrackRows; the no-target cues matched per sentence."""

from __future__ import annotations

import json
import sqlite3

import pandas as pd
import pyarrow as pa
import pytest
from test_web_app import build_web_db

from govreport import codebook as cb
from govreport import export_arrow
from govreport.export import FACT_COLUMNS, TRACK_COLUMNS, _frame, export, track_frame
from govreport.store import open_store
from govreport.tracking import (
    Tracker,
    TrackRow,
    _no_target_rows,
    iter_track,
    iter_track_dicts,
    no_target_cues,
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = build_web_db(tmp_path_factory.mktemp("paths") / "web.db")
    with sqlite3.connect(path) as con:  # quality flags of every shape: two, none (an empty array), one
        con.execute("""UPDATE fact_rows SET checks = '["unit_guess","period_guess"]' WHERE id = (SELECT min(id) FROM fact_rows)""")
        con.execute("UPDATE fact_rows SET checks = '[]' WHERE id = (SELECT min(id) + 1 FROM fact_rows)")
        con.execute("""UPDATE fact_rows SET checks = '["a;b"]' WHERE id = (SELECT max(id) FROM fact_rows)""")
    s = open_store(path, readonly=True)
    yield s
    s.close()


def _old_fact_export(store) -> pd.DataFrame:
    """The facts export as it was computed before: one sorted query, checks joined in Python."""
    rows = store.rows("SELECT f.*, f.start AS span_start, f.end AS span_end, r.date AS report_date, "
                      "r.title AS report_title, r.source_path FROM facts f JOIN reports r ON r.id = f.report_id "
                      "ORDER BY f.report_year, f.region, f.report_id, f.seq")
    for r in rows:
        if r.get("checks"):
            r["checks"] = ";".join(json.loads(r["checks"])) or None
    return _frame(rows, FACT_COLUMNS)


def test_the_facts_parquet_is_the_old_export(store, tmp_path) -> None:
    out = tmp_path / "facts.parquet"
    n = export(store, "parquet", out)
    got, want = pd.read_parquet(out), _old_fact_export(store)
    assert n == len(want) > 100
    assert sorted(got["checks"].dropna()) == ["a;b", "unit_guess;period_guess"]  # joined; none for []
    pd.testing.assert_frame_equal(got, want)
    assert pa.parquet.read_schema(out).equals(export_arrow.schema_of(_frame([], FACT_COLUMNS)), check_metadata=True)


def test_the_tracking_parquet_is_the_tracking_frame(store, tmp_path) -> None:
    out = tmp_path / "track.parquet"
    n = export(store, "parquet", out, track_targets=True)
    want = track_frame(store)
    assert n == len(want) > 0
    pd.testing.assert_frame_equal(pd.read_parquet(out), want)
    assert list(want.columns) == list(TRACK_COLUMNS)


def test_track_dicts_are_the_track_rows(store) -> None:
    rows = list(iter_track(store))
    assert rows and [r.to_dict() for r in rows] == list(iter_track_dicts(store))
    tracker = Tracker(store)
    for i in range(len(tracker.groups)):
        assert tracker.group(i) == [TrackRow(**d) for d in tracker.rows_of(i)]


def test_arrow_columns_convert_as_the_frame_does() -> None:
    columns = ("report_id", "value", "report_year", "corrected")
    schema = export_arrow.schema_of(_frame([], columns))
    rows = [("a", 1, 2020, 1), (7, 2.5, None, 0), (None, None, 2021, None)]
    got = export_arrow.table_of(columns, rows, schema).to_pandas()
    want = _frame([dict(zip(columns, r, strict=True)) for r in rows], columns)
    pd.testing.assert_frame_equal(got, want)
    assert got["report_id"].tolist()[:2] == ["a", "7"] and cb.column("value").type == cb.FLOAT
    with pytest.raises(pa.ArrowInvalid):  # a fraction in an integer column is an error, not truncated
        export_arrow.table_of(columns, [("a", 1.0, 2020.5, 1)], schema)


_CUE = no_target_cues()[0].example  # real wording a cue matches


def _rows(text: str) -> list[dict]:
    report = {"id": "r", "region": "某省", "admin_code": None, "level": "province", "report_year": 2023,
              "plan_year": 2023, "text": text}
    return _no_target_rows(None, [report], None, {})  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    _CUE + "。",
    "今年主要预期目标是：城镇新增就业50万人。" + _CUE + "。",  # the cue in a line's second target sentence
    "第一段没有目标二字的句子。\n总体考虑，" + _CUE + "！下一句。",
    "前言。" + _CUE.replace("目标", "目標") + "。",  # traditional characters: matched on the folded text
])
def test_a_no_target_cue_is_found_in_any_target_sentence(text: str) -> None:
    rows = _rows(text)
    assert len(rows) == 1
    start, end = rows[0]["target_span"]
    assert rows[0]["verdict"] == "no_target" and text[start:end] == rows[0]["target_evidence"]
    assert "目标" in rows[0]["target_evidence"] or "目標" in rows[0]["target_evidence"]
    assert rows[0]["target_sentence"] in text and rows[0]["target_evidence"] in rows[0]["target_sentence"]


def test_one_no_target_row_per_indicator_and_report() -> None:
    assert len(_rows(_CUE + "。" + _CUE + "。\n" + _CUE + "。")) == 1
    assert _rows("经济增长目标为6%左右。") == []
