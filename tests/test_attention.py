"""Attention indices (issue 6): versioned topic dictionaries, counts on a private jieba
tokenizer, the region × year table over the whole corpus, and the CLI over a database."""

from __future__ import annotations

import csv
import io

import jieba
import pytest
from click.testing import CliRunner
from shared_paths import SHARED

from govreport.attention import (
    JiebaSegmenter,
    attention,
    attention_rows,
    attention_table,
    dictionary_names,
    load_dictionary,
    segmenter_for,
)
from govreport.cli import cli
from govreport.errors import LexiconError

CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_c3a01e0d5631b880.txt"
TOPICS = {"environment", "innovation", "digital_economy", "rural_poverty", "employment", "public_health",
          "opening_up", "risk"}


def test_shipped_dictionaries_are_versioned_and_sourced():
    assert set(dictionary_names()) == TOPICS
    for name in TOPICS:
        d = load_dictionary(name)
        assert d.name == name and d.version.count(".") == 2
        assert len(d.description) > 20 and len(d.source) > 20
        assert len(d.words) >= 10 and len(set(d.words)) == len(d.words)


def test_bad_dictionary_is_rejected(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nversion: '1'\ndescription: x\nsource: y\nwords: [污染, 污染]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="twice"):
        load_dictionary(str(bad))
    with pytest.raises(LexiconError, match="no topic dictionary"):
        load_dictionary("no_such_topic")


def test_one_report():
    text = SEED.read_text(encoding="utf-8")
    a = attention(text, "rural_poverty")
    assert (a["dictionary"], a["version"]) == ("rural_poverty", load_dictionary("rural_poverty").version)
    assert a["hits"] == sum(a["counts"].values()) > 0
    assert a["share"] == pytest.approx(1000 * a["hits"] / a["words"])  # ‰, the one unit
    assert set(a["counts"]) <= set(load_dictionary("rural_poverty").words)
    # a multi-character dictionary word stays one token: 两不愁三保障 is counted as such
    assert a["counts"].get("两不愁三保障") == text.count("两不愁三保障") == 1
    assert a["counts"]["农村"] <= text.count("农村")


def test_segmenter_is_private_and_pluggable():
    words = ("两不愁三保障", "新质生产力")
    seg = segmenter_for(words)
    assert segmenter_for(words) is seg  # cached: jieba is initialised once per word list
    assert "两不愁三保障" in seg.cut("巩固两不愁三保障成果")
    # the global jieba dictionary is untouched: it still splits the added word
    assert "两不愁三保障" not in jieba.lcut("巩固两不愁三保障成果", HMM=False)
    assert isinstance(seg, JiebaSegmenter)

    class Spaces:
        def cut(self, text: str) -> list[str]:
            return text.split()

    a = attention("污染 治理 污染 绿色 ,", "environment", segmenter=Spaces())
    assert (a["words"], a["hits"], a["counts"]) == (4, 3, {"污染": 2, "绿色": 1})


def _corpus_reports() -> list[dict]:
    rows = list(csv.DictReader(io.StringIO((CORPUS / "SOURCES.tsv").read_text(encoding="utf-8")),
                               delimiter="\t"))
    return [{"id": r["file"], "region": r["region"], "report_year": int(r["report_year"]),
             "text": (CORPUS / r["file"]).read_text(encoding="utf-8")} for r in rows]


def test_corpus_table_covers_every_report():
    reports = _corpus_reports()
    assert len(reports) == len(list(CORPUS.rglob("*.txt")))
    d = load_dictionary("environment")
    rows = attention_rows(reports, d)
    table = attention_table(rows)
    assert list(table.columns) == ["region", "region_code", "level", "year", "dictionary", "version",
                                   "n_reports", "hits", "words", "share"]
    assert set(table["version"]) == {d.version} and set(table["dictionary"]) == {"environment"}
    indexed = table.set_index(["region", "year"])
    assert len(indexed) == len(reports)  # one row per region and year (long)
    for r in reports:
        row = indexed.loc[(r["region"], r["report_year"])]
        assert row["words"] > 1000 and 0 <= row["share"] < 200, r["id"]  # ‰ for every report
        assert row["share"] == pytest.approx(1000 * row["hits"] / row["words"])
    by_year = {row["year"]: row["share"] for row in rows if row["region"] == "全国"}
    # environmental wording grows: the 2010s and 2020s national reports use far more of it than the 1950s
    assert min(by_year[y] for y in (2016, 2017, 2021, 2022)) > 3 * max(by_year[y] for y in (1954, 1955, 1956))


def test_cli_over_a_database(tmp_path):
    db = tmp_path / "g.db"
    files = [CORPUS / "province-2026" / "河南省_2026.txt", CORPUS / "province-2026" / "湖南省_2026.txt",
             SEED]
    runner = CliRunner()
    res = runner.invoke(cli, ["ingest", *map(str, files), "--db", str(db), "--jobs", "1", "--no-progress"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["attention", "--db", str(db), "--dict", "digital_economy", "--csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert {r["region"] for r in rows} >= {"河南省", "湖南省"}
    assert {(r["dictionary"], r["version"]) for r in rows} == {("digital_economy",
                                                                 load_dictionary("digital_economy").version)}
    assert set(rows[0]) == {"region", "region_code", "level", "year", "dictionary", "version", "n_reports",
                            "hits", "words", "share"}
    henan = next(r for r in rows if r["region"] == "河南省")
    assert henan["year"] == "2026" and henan["region_code"] == "410000" and int(henan["hits"]) > 0
    assert float(henan["share"]) == pytest.approx(1000 * int(henan["hits"]) / int(henan["words"]), abs=1e-3)
    res = runner.invoke(cli, ["attention", "--db", str(db), "--dict", "digital_economy", "--csv", "--wide"])
    grid = list(csv.DictReader(io.StringIO(res.output)))
    assert float(next(r for r in grid if r["region"] == "河南省")["2026"]) == pytest.approx(float(henan["share"]))
    res = runner.invoke(cli, ["attention", "--db", str(db), "--dict", "digital_economy"])
    assert res.exit_code == 0 and "‰" in res.output
    # the default table is long and readable: one line per region and year, with hits and words
    line = next(x for x in res.output.splitlines() if "河南省" in x)
    assert "2026" in line and henan["hits"] in line and henan["words"] in line
    res = runner.invoke(cli, ["attention", "--db", str(db), "--dict", "nope"])
    assert res.exit_code == 1 and "no topic dictionary" in res.output


def test_traditional_copy_scores_as_its_simplified_original():
    import opencc

    text = (CORPUS / "province-2026" / "河南省_2026.txt").read_text(encoding="utf-8")
    trad = opencc.OpenCC("s2tw").convert(text)
    assert trad != text
    for name in ("environment", "rural_poverty"):
        simple, folded = attention(text, name), attention(trad, name)
        assert simple["hits"] > 10
        # the matching view folds nearly every character back: within 2% (jieba may cut a few
        # words differently where OpenCC's simplified form is not the original's)
        assert folded["hits"] == pytest.approx(simple["hits"], rel=0.02)
        assert folded["share"] == pytest.approx(simple["share"], rel=0.02)
