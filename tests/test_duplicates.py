"""Duplicates: one report as .txt, .html and traditional .txt is stored once with three sources."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner
from opencc import OpenCC
from test_store_support import SHARED, shared_corpus_db

from govreport.cli import cli
from govreport.store import open_store
from govreport.store.duplicates import NEAR, DuplicateIndex, fingerprint, matching_text, similarity
from govreport.store.ingest import ingest
from govreport.tracking import compare, track

REPORT = SHARED / "corpus" / "national" / "national_2021.txt"
OTHER_YEAR = SHARED / "corpus" / "national" / "national_2022.txt"


def _as_html(text: str, url: str) -> str:
    body = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    return (f"<html><head><meta charset='utf-8'><title>政府工作报告_中国政府网</title></head><body>"
            f"<div class='nav'>首页 | 新闻 | 政务公开</div><div class='content'>{body}</div>"
            f"<div>本文地址：{url}</div><div>版权所有：中国政府网 京ICP备05070218号</div></body></html>")


@pytest.fixture
def three_copies(tmp_path):
    text = REPORT.read_text(encoding="utf-8")
    folder = tmp_path / "in"
    for sub in ("site_a", "site_b", "site_c"):
        (folder / sub).mkdir(parents=True)
    txt = folder / "site_a" / "national_2021.txt"
    txt.write_text(text, encoding="utf-8")
    html = folder / "site_b" / "2021政府工作报告.html"
    html.write_text(_as_html(text, "http://www.gov.cn/zhuanti/2021lhzfgzbg/index.htm"), encoding="utf-8")
    trad = folder / "site_c" / "2021年政府工作報告.txt"
    trad.write_text(OpenCC("s2t").convert(text), encoding="utf-8")
    return txt, html, trad


def test_one_report_in_three_files_is_stored_once_with_three_sources(three_copies, tmp_path):
    txt, html, trad = three_copies
    with open_store(tmp_path / "d.db") as store:
        result = ingest(store, [txt, html, trad], jobs=1)
        assert result.added == ["national_2021"] and result.failed == []
        assert {(p, rid) for p, rid, _, _ in result.duplicates} == {(str(html), "national_2021"),
                                                                     (str(trad), "national_2021")}
        assert all(rel in ("exact", "near") and sim >= NEAR for _, _, rel, sim in result.duplicates)
        assert [r["id"] for r in store.list_reports()] == ["national_2021"]
        sources = store.rows("SELECT path, url, publisher, format, relation FROM sources ORDER BY id")
        assert [s["path"] for s in sources] == [str(p.resolve()) for p in (txt, html, trad)]
        assert sources[0]["relation"] == "first" and {s["relation"] for s in sources[1:]} <= {"exact", "near"}
        assert sources[1]["url"] == "http://www.gov.cn/zhuanti/2021lhzfgzbg/index.htm"
        assert sources[1]["publisher"] == "www.gov.cn" and sources[1]["format"] == "html"
        # counted once: tracking and compare see one report
        n_facts = store.rows("SELECT n_facts FROM reports")[0]["n_facts"]
        assert len(store.facts()) == n_facts
        one = ingest_alone(tmp_path, txt)
        assert [r.to_dict() for r in track(store)] == one["track"]
        assert [r.to_dict() for r in compare(store, 2021, "gdp")] == one["compare"]
        # a second run adds nothing and records nothing twice
        again = ingest(store, [txt, html, trad], jobs=1)
        assert again.added == [] and len(again.skipped) == 3
        assert store.rows("SELECT count(*) AS n FROM sources")[0]["n"] == 3


def ingest_alone(tmp_path, path):
    with open_store(tmp_path / "alone.db") as store:
        ingest(store, [path], jobs=1)
        return {"track": [r.to_dict() for r in track(store)],
                "compare": [r.to_dict() for r in compare(store, 2021, "gdp")]}


def test_ingest_says_which_file_duplicates_which(three_copies, tmp_path):
    txt, html, trad = three_copies
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(cli, ["ingest", str(txt.parent.parent), "--db", db, "--jobs", "1",
                                      "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"{html} duplicates national_2021" in result.output
    assert f"{trad} duplicates national_2021" in result.output
    assert "ingested 1, skipped 0 already stored, 2 duplicates" in result.output
    kept = CliRunner().invoke(cli, ["ingest", str(txt), str(trad), "--db", str(tmp_path / "k.db"),
                                    "--jobs", "1", "--keep-duplicates"])
    assert "ingested 2" in kept.output


def test_matching_text_ignores_script_layout_and_punctuation():
    assert matching_text("脫貧攻堅，　ＧＤＰ增長6％。\n") == matching_text("脱贫攻坚, GDP增长6%.") == "脱贫攻坚gdp增长6"


def test_different_reports_are_far_below_the_threshold(tmp_path_factory):
    """Every pair of distinct corpus reports (two years of the nation, two provinces of a year, seeds)
    is far from a duplicate: the threshold separates real copies (>= 0.95 here) from set phrases."""
    with open_store(shared_corpus_db(tmp_path_factory), readonly=True) as store:
        rows = store.rows("SELECT id, minhash FROM reports")
        assert store.rows("SELECT count(*) AS n FROM sources WHERE relation != 'first'")[0]["n"] == 0
    assert len(rows) > 60 and all(r["minhash"] for r in rows)
    worst = max(similarity(a["minhash"], b["minhash"]) for a, b in itertools.combinations(rows, 2))
    assert worst < NEAR - 0.3, worst


def test_index_finds_exact_then_near_and_leaves_out_excluded():
    text = REPORT.read_text(encoding="utf-8")
    index = DuplicateIndex()
    fp = fingerprint(text)
    index.add("a", fp.text_hash, fp.signature)
    other = fingerprint(OTHER_YEAR.read_text(encoding="utf-8"))
    index.add("b", other.text_hash, other.signature)
    assert index.find(fp).relation == "exact"
    edited = fingerprint(text.replace("就业", "就业工作", 3) + "\n附：名词解释。")
    match = index.find(edited)
    assert match.report_id == "a" and match.relation == "near" and match.similarity >= NEAR
    assert index.find(edited, exclude={"a"}) is None
    assert index.find(fingerprint("很短的一段文字。")) is None
    index.remove("a")
    assert index.find(fp) is None
