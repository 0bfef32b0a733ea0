"""Sources and corrections: manifests, page URLs, ``govreport fix``, the report_fixes log."""

from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner
from test_store_support import SHARED

from govreport.cli import cli
from govreport.errors import ManifestError
from govreport.ingest.html import page_url
from govreport.store import SCHEMA_VERSION, open_store
from govreport.store.ingest import ingest
from govreport.store.sources import fix_report, read_manifest, report_fixes

CORPUS = SHARED / "corpus"
N1982 = CORPUS / "national" / "national_1982.txt"


def test_the_real_manifests_are_read_with_their_own_column_names():
    corpus = read_manifest(CORPUS / "SOURCES.tsv")
    entry = corpus[N1982.resolve()]
    assert entry.report_year == 1982 and entry.level == "national" and entry.region == "全国"
    assert entry.url.startswith("https://zh.wikisource.org/wiki/1982") and entry.publisher == "zh.wikisource.org"
    assert all(e.path.is_file() for e in corpus.values())
    dev2 = read_manifest(SHARED / "dev2" / "SOURCES.tsv")
    assert len(dev2) > 30 and all(e.url and "://" in e.url for e in dev2.values())


@pytest.mark.parametrize(("body", "problem"), [
    ("url\thttp://x\n", "no path column"),
    ("path\treport_year\na.txt\t198x\n", "not a year"),
    ("path,level\na.txt,town\n", "not one of"),
])
def test_a_bad_manifest_is_one_clear_error(tmp_path, body, problem):
    path = tmp_path / ("m.tsv" if "\t" in body else "m.csv")
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ManifestError, match=problem):
        read_manifest(path)


def _periods(store, rid):
    return [(r["seq"], r["period"], r["period_source"], r["report_year"])
            for r in store.rows("SELECT seq, period, period_source, report_year FROM facts WHERE report_id = ? "
                                "ORDER BY seq", (rid,))]


def test_a_manifest_corrects_the_year_and_redates_derived_periods(tmp_path):
    (tmp_path / "national").mkdir()
    copy = tmp_path / "national" / "national_1982.txt"
    copy.write_bytes(N1982.read_bytes())
    wrong = tmp_path / "wrong.tsv"
    wrong.write_text("file\treport_year\tsource\nnational/national_1982.txt\t1986\thttps://example.org/1982\n",
                     encoding="utf-8")
    with open_store(tmp_path / "m.db") as store:
        ingest(store, [copy], jobs=1)
        before = _periods(store, "national_1982")
        assert {y for *_, y in before} == {1982}
        result = ingest(store, [copy], jobs=1, manifest=read_manifest(wrong))  # skipped, still corrected
        assert result.skipped == [str(copy)] and result.fixed[0].changes[0] == ("report_year", 1982, 1986)
        shifted = _periods(store, "national_1982")
        for (_, p0, src, _), (_, p1, _, y1) in zip(before, shifted, strict=True):
            assert y1 == 1986
            if src in ("report", "section") and p0:
                assert p1 == "-".join(str(int(y) + 4) for y in p0.split("-"))
            else:
                assert p1 == p0  # a period the text states is not moved
        assert any(src == "report" for _, _, src, _ in before)
        assert store.rows("SELECT url FROM sources")[0]["url"] == "https://example.org/1982"
        right = tmp_path / "right.csv"  # a CSV manifest with the right year corrects it back
        right.write_text("path,report_year\nnational/national_1982.txt,1982\n", encoding="utf-8")
        ingest(store, [copy], jobs=1, manifest=read_manifest(right))
        assert _periods(store, "national_1982") == before
        log = report_fixes(store, "national_1982")
        assert [(f["field"], f["old"], f["new"]) for f in log][:1] == [("report_year", "1982", "1986")]
        assert ("report_year", "1986", "1982") in [(f["field"], f["old"], f["new"]) for f in log]
        assert all(f["who"].startswith("manifest:") and f["at"] for f in log)


def test_sources_tsv_in_an_ingested_folder_is_read(tmp_path):
    result = CliRunner().invoke(cli, ["ingest", str(CORPUS / "national"), "--db", str(tmp_path / "n.db"),
                                      "--manifest", str(CORPUS / "SOURCES.tsv"), "--jobs", "2", "--no-progress"])
    assert result.exit_code == 0, result.output
    with open_store(tmp_path / "n.db", readonly=True) as store:
        rows = store.rows("SELECT r.id, r.report_year, r.source_url, s.url, s.publisher FROM reports r "
                          "JOIN sources s ON s.report_id = r.id")
    manifest = read_manifest(CORPUS / "SOURCES.tsv")
    assert len(rows) == len(list((CORPUS / "national").glob("*.txt")))
    by_id = {e.path.stem: e for e in manifest.values()}
    for r in rows:
        assert r["report_year"] == by_id[r["id"]].report_year  # national_1982 is 1982
        assert r["source_url"] == r["url"] == by_id[r["id"]].url and r["publisher"] == "zh.wikisource.org"


def test_the_corpus_manifest_corrects_national_1982_to_1982(tmp_path):
    """The report once stored as 1986 (the issue): re-ingesting with ../shared/corpus/SOURCES.tsv
    puts it back to 1982, with its periods as extracted."""
    with open_store(tmp_path / "c.db") as store:
        ingest(store, [N1982], jobs=1)
        right = _periods(store, "national_1982")
        fix_report(store, "national_1982", year=1986, who="test:the old extractor")
        assert store.get_report("national_1982")["doc"]["report_year"] == 1986
        result = ingest(store, [N1982], jobs=1, manifest=read_manifest(CORPUS / "SOURCES.tsv"))
        assert [f.changes[0] for f in result.fixed] == [("report_year", 1986, 1982)]
        assert store.get_report("national_1982")["doc"]["report_year"] == 1982
        assert _periods(store, "national_1982") == right


def test_fix_command_corrects_and_records(tmp_path):
    db = str(tmp_path / "f.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(N1982), "--db", db, "--jobs", "1"]).exit_code == 0
    out = runner.invoke(cli, ["fix", "national_1982", "--db", db, "--year", "1983", "--region", "中国",
                              "--who", "tester"])
    assert out.exit_code == 0, out.output
    assert "report_year 1982 → 1983" in out.output and "facts updated" in out.output
    with open_store(db, readonly=True) as store:
        doc = store.get_report("national_1982")["doc"]
        assert doc["report_year"] == 1983 and doc["region"] == "中国" and doc["plan_year"] == 1983
        assert {f["report_year"] for f in store.facts()} == {1983}
        assert {f["region"] for f in store.facts()} == {"中国"}
    again = runner.invoke(cli, ["fix", "national_1982", "--db", db, "--year", "1983"])
    assert "nothing to correct" in again.output
    listed = runner.invoke(cli, ["sources", "national_1982", "--db", db, "--fixes"])
    fixes = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert {(f["field"], f["who"]) for f in fixes} >= {("report_year", "tester"), ("region", "tester")}
    bad = runner.invoke(cli, ["fix", "nope", "--db", db, "--year", "1983"])
    assert bad.exit_code == 1 and "no report 'nope'" in bad.output
    assert runner.invoke(cli, ["fix", "national_1982", "--db", db]).exit_code == 2


def test_fix_leaves_other_reports_alone(tmp_path):
    with open_store(tmp_path / "o.db") as store:
        ingest(store, [N1982, CORPUS / "national" / "national_1983.txt"], jobs=1)
        other = _periods(store, "national_1983")
        fix = fix_report(store, "national_1982", year=1990)
        assert fix.facts_changed > 0 and _periods(store, "national_1983") == other


def test_page_urls_from_html_and_mht():
    page = "<html><body><p>政府工作报告</p><p>本文地址：http://www.gov.cn/a/2021.htm</p></body></html>"
    assert page_url(page.encode("gb18030")) == "http://www.gov.cn/a/2021.htm"
    assert page_url(b'<html><head><link rel="canonical" href="https://e.org/r.html"></head></html>') == \
        "https://e.org/r.html"
    mht = (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
           b"Content-Type: text/html; charset=utf-8\r\nContent-Location: http://www.hd.gov.cn/r.html\r\n\r\n"
           b"<html><body>x</body></html>\r\n--B--\r\n")
    assert page_url(mht) == "http://www.hd.gov.cn/r.html"
    assert page_url(b"<html><body>no address</body></html>") is None


def test_a_version_4_database_is_migrated(tmp_path):
    """A v4 file (bigram FTS, no sources): the trigram index is rebuilt, every report gets its source."""
    path = tmp_path / "v4.db"
    with open_store(path) as store:
        ingest(store, [N1982], jobs=1)
    conn = sqlite3.connect(path)
    conn.executescript("DROP VIEW facts_view; DROP VIEW reports_view; DROP TABLE sources; DROP TABLE report_fixes;"
                       "DROP TABLE paragraphs_fts; CREATE VIRTUAL TABLE paragraphs_fts USING fts5(tokens, "
                       "content='', tokenize='unicode61 remove_diacritics 0'); PRAGMA user_version = 4;")
    conn.close()
    with open_store(path) as store:
        assert store.rows("PRAGMA user_version")[0]["user_version"] == SCHEMA_VERSION
        assert store.rows("SELECT relation FROM sources") == [{"relation": "first"}]
        assert store.search("国民经济") and store.search("农业")
        n = store.rows("SELECT count(*) AS n FROM paragraphs_fts WHERE paragraphs_fts MATCH '国民经济'")[0]["n"]
        assert n == store.rows("SELECT count(*) AS n FROM paragraphs WHERE text LIKE '%国民经济%'")[0]["n"] > 0
        assert store.rows("SELECT count(*) AS n FROM facts_view")[0]["n"] == len(store.facts())
