"""``extract --engine dask`` on a LocalCluster of 2 worker processes, the Parquet dataset it writes,
and ``ingest --from-parquet`` (issue 10, item 5)."""

from __future__ import annotations

import copyreg
import importlib.util
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_paths import CORPUS, SEEDS

from govreport import extract
from govreport.cli import cli
from govreport.store import open_store
from govreport.store.ingest import ingest
from govreport.store.parquet_io import (
    TABLES,
    SourceFile,
    ingest_parquet,
    part_name,
    read_dataset,
    report_tables,
    write_part,
)

if importlib.util.find_spec("distributed") is None:
    pytest.skip("dask.distributed is not installed", allow_module_level=True)

#: a few real reports: two national, one provincial, two seeds (one of them a city)
FILES = [str(p) for p in (CORPUS[0], CORPUS[-1], CORPUS[len(CORPUS) // 2], SEEDS[0], SEEDS[1])]


@pytest.fixture(scope="module")
def client():  # type: ignore[no-untyped-def]
    """A LocalCluster of 2 worker processes; importing distributed here, not at collection, and
    undoing its pickling hooks after (other tests in this process rely on the default)."""
    from govreport.distributed import kept_pickling

    with kept_pickling():
        import distributed

        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        c = distributed.Client(cluster)
        yield c
        c.close()
        cluster.close()


def test_a_dask_run_leaves_the_process_pickling_as_it_was(tmp_path) -> None:
    from govreport.distributed import kept_pickling

    before = dict(copyreg.dispatch_table)
    with kept_pickling():
        import distributed  # noqa: F401  (its import is what changes the table)

        copyreg.pickle(type(tmp_path), lambda p: (str, (str(p),)))
        assert dict(copyreg.dispatch_table) != before
    assert dict(copyreg.dispatch_table) == before


@pytest.fixture(scope="module")
def dataset(client, tmp_path_factory):  # type: ignore[no-untyped-def]
    from govreport.distributed import extract_with_dask

    out = tmp_path_factory.mktemp("ds")
    bad = out.parent / "not_a_report.txt"
    bad.write_bytes(b"\x00\x01\x02 binary" * 50)
    result = extract_with_dask([(p, None) for p in [*FILES, str(bad)]], out, client=client, partition_size=2)
    return out, result, str(bad)


def _table_rows(db: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    """Every row of every table, sorted, without the times of ingest."""
    conn = sqlite3.connect(db)
    out = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for t in tables:
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info('{t}')") if r[1] not in ("ingested_at", "added_at")]
        if not cols:
            continue
        select = ", ".join(f'"{c}"' for c in cols)
        out[t] = sorted(conn.execute(f'SELECT {select} FROM "{t}"').fetchall(), key=repr)
    conn.close()
    return out


def test_dask_gives_the_same_reports_as_the_plain_extract(dataset) -> None:  # type: ignore[no-untyped-def]
    out, result, bad = dataset
    assert result.parts == 3 and result.failed and result.failed[0][0] == bad and not result.internal
    back = {r.doc.id: (r, src) for r, src in read_dataset(out)}
    assert sorted(back) == sorted(Path(p).stem for p in FILES) == sorted(result.written)
    for path in FILES:
        plain = extract(Path(path))
        report, src = back[plain.doc.id]
        assert report.facts == plain.facts and plain.facts
        assert report == plain  # doc, text, sections, tasks, slogans, warnings too
        assert src.source_path == str(Path(path).resolve()) and src.size == Path(path).stat().st_size


def test_the_dataset_is_one_folder_per_table_read_by_pandas(dataset) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    out, _, _ = dataset
    for table in TABLES:
        assert sorted(p.name for p in (out / table).glob("*.parquet")) == [part_name(i) for i in range(3)]
    facts = pd.read_parquet(out / "facts")
    reports = pd.read_parquet(out / "reports")
    plain = extract(Path(FILES[0]))
    mine = facts[facts.report_id == plain.doc.id].sort_values("seq")
    assert list(mine.value) == [f.value for f in plain.facts]
    assert list(mine.span_start) == [f.span.start for f in plain.facts]
    assert set(reports.id) == {Path(p).stem for p in FILES}


def test_from_parquet_ingest_gives_the_rows_of_a_direct_ingest(dataset, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out, _, _ = dataset
    with open_store(tmp_path / "direct.db") as store:
        direct = ingest(store, FILES, jobs=1)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "pq.db"), "--from-parquet", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(direct.added) == sorted(Path(p).stem for p in FILES)
    rows = _table_rows(tmp_path / "pq.db")
    assert rows == _table_rows(tmp_path / "direct.db")
    assert len(rows["fact_rows"]) > 100
    again = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "pq.db"), "--from-parquet", str(out)])
    assert again.exit_code == 0 and "skipped 5 already stored" in again.output


def test_cli_engine_dask_on_a_scheduler(client, tmp_path) -> None:  # type: ignore[no-untyped-def]
    address = client.scheduler.address
    result = CliRunner().invoke(cli, ["extract", FILES[3], FILES[4], "--engine", "dask", "--scheduler", address,
                                       "--out", str(tmp_path / "ds")])
    assert result.exit_code == 0, result.output
    assert "extracted 2 reports in 1 partitions" in result.output
    assert {r.doc.id for r, _ in read_dataset(tmp_path / "ds")} == {Path(FILES[3]).stem, Path(FILES[4]).stem}


def test_cli_engine_dask_needs_out_and_files() -> None:
    runner = CliRunner()
    assert "give --out DIR" in runner.invoke(cli, ["extract", FILES[0], "--engine", "dask"]).output
    assert "standard input" in runner.invoke(cli, ["extract", "-", "--engine", "dask", "--out", "x"]).output
    assert "--engine dask" in runner.invoke(cli, ["extract", FILES[0], "--scheduler", "tcp://x:1"]).output


def test_parquet_round_trip_without_a_cluster(tmp_path) -> None:
    example = Path(__file__).resolve().parents[1] / "govreport" / "examples" / "pingdingshan_2020.txt"
    report = extract(example)
    assert report.facts and report.tasks and report.slogans and report.sections
    write_part(tmp_path, part_name(0), report_tables([(report, SourceFile("ab" * 32, 10, "/x/y.txt"))]))
    write_part(tmp_path, part_name(1), report_tables([]))  # an empty partition keeps the schema
    back = list(read_dataset(tmp_path))
    assert back == [(report, SourceFile("ab" * 32, 10, "/x/y.txt"))]


def test_ingest_parquet_renames_an_id_another_file_has(tmp_path) -> None:
    example = Path(__file__).resolve().parents[1] / "govreport" / "examples" / "pingdingshan_2020.txt"
    report = extract(example)
    other = extract(CORPUS[0])  # another report that happens to get the same id (same file name elsewhere)
    other = replace(other, doc=replace(other.doc, id=report.doc.id))
    write_part(tmp_path / "ds", part_name(0), report_tables([(report, SourceFile("a" * 64, 1, "/one/p.txt"))]))
    write_part(tmp_path / "ds", part_name(1), report_tables([(other, SourceFile("b" * 64, 1, "/two/p.txt"))]))
    write_part(tmp_path / "ds", part_name(2), report_tables([(report, SourceFile("c" * 64, 1, "/three/p.txt"))]))
    with open_store(tmp_path / "t.db") as store:
        result = ingest_parquet(store, tmp_path / "ds")
        assert result.added == [report.doc.id, f"{report.doc.id}-bbbbbbbb"]
        assert result.renamed == [("/two/p.txt", f"{report.doc.id}-bbbbbbbb")]
        # the same text from a third file is a duplicate: one more source, not a report
        assert [(d[0], d[1], d[2]) for d in result.duplicates] == [("/three/p.txt", report.doc.id, "exact")]
        assert len(store.rows("SELECT 1 FROM sources WHERE report_id = ?", (report.doc.id,))) == 2


def test_a_partition_with_one_id_twice_is_refused(tmp_path) -> None:
    from govreport.errors import StoreError

    report = extract("2020年全市生产总值增长7%左右。")
    write_part(tmp_path, part_name(0), report_tables([(report, SourceFile("a" * 64, 1, "/a")),
                                                      (report, SourceFile("b" * 64, 1, "/b"))]))
    with pytest.raises(StoreError, match="twice"):
        list(read_dataset(tmp_path))
