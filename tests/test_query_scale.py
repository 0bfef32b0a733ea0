"""The query paths made for 10,000 reports give what the plain ones give: tracking read from
``fact_rows`` against the facts view, the columnar facts export against the view's rows, the
panel without words against the panel from the view, the CLI's CSV cells against
``csv.DictWriter``; and the tracking counts kept per region (``track_summary``) against the
counts computed, stale exactly when a region's reports or corrections change."""

from __future__ import annotations

import csv
import io
import sqlite3

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from test_store_support import fact, make_report
from test_web_app import build_web_db

from govreport import export_arrow, fact_columns, panel, track_summary
from govreport.cli.store_cmds import _cell, csv_cells
from govreport.export import FACT_COLUMNS, fact_rows
from govreport.spreadsheet import safe_cell
from govreport.store import open_store
from govreport.store.corrections import add_correction
from govreport.tracking import Tracker, iter_track_dicts
from govreport.web.data import WebData, _TrackSummary


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    path = build_web_db(tmp_path_factory.mktemp("qs") / "web.db")
    with sqlite3.connect(path) as con:  # a sentence kept whole (not the text at its span), quality flags
        con.execute("UPDATE fact_rows SET sentence_text = '另存的一句。' WHERE id = (SELECT min(id) FROM fact_rows "
                    "WHERE kind = 'target' AND indicator IS NOT NULL AND period_end IS NOT NULL)")
        con.execute("UPDATE fact_rows SET sentence_start = NULL WHERE id = (SELECT max(id) FROM fact_rows "
                    "WHERE kind = 'target' AND indicator IS NOT NULL AND period_end IS NOT NULL)")
        con.execute("""UPDATE fact_rows SET checks = '["unit_guess"]' WHERE id = (SELECT min(id) + 3 FROM fact_rows)""")
    return path


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db, readonly=True)
    yield s
    s.close()


def test_tracking_read_from_fact_rows_is_tracking_read_from_the_view(store) -> None:
    fast = Tracker(store)
    slow = Tracker(store)
    slow.cut = False  # through the facts view, which cuts the words in SQL
    assert fast.cut
    rows = [fast.rows_of(i) for i in range(len(fast.groups))]
    assert rows == [slow.rows_of(i) for i in range(len(slow.groups))]
    flat = [r for group in rows for r in group]
    assert len(flat) > 50 and "另存的一句。" in {r["target_sentence"] for r in flat}
    assert "" in {r["target_sentence"] for r in flat}  # no sentence span: '' as the view gives
    targets = [r for r in flat if r["verdict"] != "no_target"]
    assert all(list(r) == list(next(iter_track_dicts(store))) for r in targets)  # every field, in order


def test_a_region_filter_keeps_every_region_of_the_tracker(store) -> None:
    regions = [g["region"] for g in Tracker(store).groups]
    assert len(regions) > 3
    for region in regions[:3]:
        assert [g["region"] for g in Tracker(store, region=region).groups] == [region]


def test_fact_columns_are_the_facts_view_rows(store) -> None:
    assert fact_columns.available(store)
    for filters in ({}, {"indicator": "gdp"}, {"year": 2022, "kind": "target"}):
        rows = list(fact_rows(store, **filters))  # through the facts view
        chunks = list(fact_columns.chunks(store, FACT_COLUMNS, 7, **filters))
        got = [tuple(col[i] for col in chunk) for chunk in chunks for i in range(len(chunk[0]))]
        assert got == rows and len(rows) > 3
        assert all(len(chunk[0]) >= 7 for chunk in chunks[:-1])
    assert "另存的一句。" in {r[FACT_COLUMNS.index("sentence")] for r in fact_rows(store)}


def test_fact_tables_are_the_fact_columns(store) -> None:
    from govreport.export import _frame

    schema = export_arrow.schema_of(_frame([], FACT_COLUMNS))
    for filters in ({}, {"indicator": "gdp"}, {"year": 2022, "kind": "target"}, {"region": "nowhere"}):
        for size in (7, 10**6):
            chunks = list(fact_columns.chunks(store, FACT_COLUMNS, size, **filters))
            tables = list(fact_columns.tables(store, FACT_COLUMNS, size, schema, **filters))
            assert [len(t) for t in tables] == [len(c[0]) for c in chunks]
            for chunk, table in zip(chunks, tables, strict=True):
                assert table.equals(export_arrow.table_of_columns(FACT_COLUMNS, chunk, schema))
    whole = pa.concat_tables(fact_columns.tables(store, FACT_COLUMNS, 10**6, schema))
    sentences = whole.column("sentence").to_pylist()
    assert "另存的一句。" in sentences and "" in sentences  # kept whole; no span
    assert len(set(sentences)) < len(sentences)  # sentences shared by several facts, each given to all of them
    # a column of the report repeated on each of its facts, the indicator's name looked up
    assert whole.column("report_id").to_pylist() == [r[0] for r in fact_rows(store)]
    names = {k: v.get("name") for k, v in store.indicators().items()}
    assert whole.column("indicator_name").to_pylist() == [names.get(i) for i in whole.column("indicator").to_pylist()]
    few = ("report_id", "sentence", "evidence", "indicator_name")  # the offsets not among the columns
    narrow = pa.concat_tables(fact_columns.tables(store, few, 5, pa.schema([schema.field(c) for c in few])))
    assert narrow.equals(whole.select(list(few)))


def test_track_rows_are_the_track_records(store) -> None:
    import operator

    from govreport.export import TRACK_COLUMNS, track_records, track_rows

    get = operator.itemgetter(*TRACK_COLUMNS)
    every = list(track_records(store))
    pick = {k: sorted({r[k] for r in every if r[k]})[-1] for k in ("year", "measure", "level")}
    for filters in ({}, {"year": pick["year"]}, {"measure": pick["measure"]}, {"level": pick["level"], "year": None}):
        rows = list(track_rows(store, **filters))
        assert rows == [get(r) for r in track_records(store, **filters)]
        assert rows and (not filters or len(rows) < len(list(track_rows(store))))
    spans = [r[TRACK_COLUMNS.index("target_span_start")] for r in track_rows(store)]
    assert all(isinstance(s, int) for s in spans)  # a span split into its two ends


def test_panel_without_words_is_the_panel_from_the_view(store, monkeypatch) -> None:
    fast = panel.panel(store)
    one_year = fast[fast["period_start"] == fast["period_end"]]
    some = one_year.iloc[len(one_year) // 2]  # a one-year cell: the year filter has a cell to find
    filtered = [{"region": some["region"]}, {"region": some["region_code"], "kind": "outcome"},
                {"level": some["level"], "measure": some["measure"]},
                {"indicator": some["indicator"], "year": int(some["period_start"])}]
    facts = list(panel.read_facts(store))
    fast_filtered = [panel.panel(store, **f) for f in filtered]
    monkeypatch.setattr(panel, "FROM_FACT_ROWS", False)  # through the facts view, which cuts every evidence
    pd.testing.assert_frame_equal(fast, panel.panel(store))
    assert len(fast) > 20 and fast["evidence"].notna().all()
    slow = [{k: v for k, v in f.items() if k != "evidence"} for f in panel.read_facts(store)]
    assert [{k: v for k, v in f.items() if k != "evidence"} for f in facts] == slow
    for f, got in zip(filtered, fast_filtered, strict=True):
        pd.testing.assert_frame_equal(got, panel.panel(store, **f))
        assert 0 < len(got) < len(fast)


def test_csv_cells_are_the_dict_writer_cells() -> None:
    rows = [{"a": "=1+1", "b": [3, 5], "c": None, "d": True, "e": -2.5, "f": "-x", "g": "plain"},
            {"a": "@x", "b": None, "c": "", "d": False, "e": 3, "f": "\tt", "g": ("x", 1)},
            {"a": "only a"}]
    names = list(rows[0])
    old = io.StringIO()
    writer = csv.DictWriter(old, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: safe_cell(_cell(v)) for k, v in r.items()} for r in rows)
    new = io.StringIO()
    w = csv.writer(new, lineterminator="\n")
    w.writerow(names)
    w.writerows(map(csv_cells(names), rows))
    assert new.getvalue() == old.getvalue()
    with pytest.raises(ValueError, match="not in fieldnames"):
        csv_cells(names)({"a": 1, "zz": 2})
    assert csv_cells(["a"])({"a": "=x"}) == ["'=x"]


def test_parquet_row_groups_are_whole_whatever_the_chunks(tmp_path) -> None:
    schema = pa.schema([("x", pa.int64())])
    tables = (pa.table({"x": list(range(n))}, schema=schema) for n in (7, 3, 9, 1, 5))
    out = tmp_path / "x.parquet"
    assert export_arrow.write_tables(tables, out, 4) == 25
    meta = pq.ParquetFile(out).metadata
    assert [meta.row_group(i).num_rows for i in range(meta.num_row_groups)] == [4] * 6 + [1]


# -- the counts kept per region --------------------------------------------------------------------
def _report(rid: str, region: str, year: int):
    facts = [fact("target", str(year), "gdp", "growth", 6.0, "%", "approx", f"{year}年生产总值增长6%左右。", "6%左右"),
             fact("actual", str(year - 1), "gdp", "growth", 5.5, "%", "exact", f"{year - 1}年生产总值增长5.5%。", "5.5%")]
    return make_report(rid, region, year, facts, level="province")


@pytest.fixture()
def kept(tmp_path):
    s = open_store(tmp_path / "k.db")
    n = 0
    for region in ("河北省", "山西省", "辽宁省"):
        for year in (2020, 2021, 2022):
            s.write_report(_report(f"{region}_{year}", region, year), sha256=f"{n:064d}", size=10)
            n += 1
    yield s
    s.close()


def _computed(store) -> list[track_summary.RegionCounts]:
    tracker = Tracker(store)
    return [track_summary.count_rows(tracker.rows_of(i), g["rank"], track_summary._fact_counts(store, g["region"]))
            for i, g in enumerate(tracker.groups)]


def test_kept_counts_are_the_computed_counts_and_go_stale_by_region(kept) -> None:
    assert track_summary.refresh(kept) == 3
    assert track_summary.refresh(kept) == 0  # nothing changed
    assert track_summary.group_counts(kept, write=False) == _computed(kept)
    before = track_summary.states(kept)
    kept.write_report(_report("山西省_2023", "山西省", 2023), sha256=f"{99:064d}", size=10)  # one region grows
    after = track_summary.states(kept)
    assert {r for r in after if after[r] != before[r]} == {"山西省"}
    assert track_summary.refresh(kept) == 1
    assert track_summary.group_counts(kept, write=False) == _computed(kept)
    report = kept.get_report("河北省_2021")
    f = next(x for x in report["facts"] if x["kind"] == "target")
    add_correction(kept, "河北省_2021", "mark_wrong", f["span"][0], f["span"][1], indicator=f["indicator"], who="t")
    changed = track_summary.states(kept)
    assert {r for r in changed if changed[r] != after[r]} == {"河北省"}
    assert track_summary.refresh(kept) == 1
    assert track_summary.group_counts(kept, write=False) == _computed(kept)
    assert track_summary.fact_counts(track_summary.group_counts(kept)) == {
        r["indicator"]: r["n"] for r in kept.rows("SELECT indicator, count(*) AS n FROM facts "
                                                   "WHERE indicator IS NOT NULL GROUP BY indicator")}


def test_the_tracking_page_from_kept_counts_is_the_page_computed(kept) -> None:
    track_summary.refresh(kept)
    data = WebData(kept)
    tracker = Tracker(kept)
    for indicator, verdict in ((None, None), ("gdp", None), (None, "met"), ("cpi", None)):
        computed = _TrackSummary.of(Tracker(kept, indicator=indicator), verdict, keep=(0, 0), into=[])
        assert _TrackSummary.kept(kept, indicator, verdict, tracker) == computed
    page = data.track_page(None, None, None, 2, 2)
    assert page["total"] == sum(page["verdicts"].values()) and len(page["rows"]) == 2
