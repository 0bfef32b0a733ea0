"""The clause rules of the 督查 task table (issue 14): the lexicon's own examples, its validation,
deadlines and their dates, stated lead units, budget figures, the writers' formula guard, and the
2026 provincial reports (every one yields a table)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_paths import SHARED

from govreport.cli import cli
from govreport.errors import LexiconError
from govreport.ingest.normalize import matching_view
from govreport.model import DocMeta
from govreport.pipeline import extract
from govreport.task_clauses import load_rules, plan_paragraphs
from govreport.task_dates import deadline_date, find_deadline, unit_notes
from govreport.task_table import spreadsheet_safe, to_csv
from govreport.tasks import extract_tasks

PROVINCES = sorted((SHARED / "corpus" / "province-2026").glob("*.txt"))
NATIONAL = sorted((SHARED / "corpus" / "national").glob("*.txt"))


def _evidence(text: str) -> list[str]:
    view = matching_view(text)
    return [text[row.start : row.end] for _, _, _, row in
            plan_paragraphs(view, 0, len(view), set(), False, load_rules())]


@pytest.mark.parametrize(("text", "tasks"), load_rules().examples, ids=lambda x: str(x)[:12])
def test_lexicon_examples(text: str, tasks: tuple[str, ...]) -> None:
    assert _evidence(text) == list(tasks)


def test_lexicon_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    import govreport.task_clauses as tc

    good = tc.read_yaml("task_rules.yaml")
    for broken in ({**good, "verbs": []}, {**good, "adverbs": ["深入", "深入"]},
                   {**good, "examples": [{"text": "落实责任制", "tasks": ["不在原文"]}]}, ["not", "a", "mapping"]):
        monkeypatch.setattr(tc, "read_yaml", lambda name, b=broken: b)
        tc.load_rules.cache_clear()
        with pytest.raises(LexiconError):
            tc.load_rules()
    monkeypatch.undo()
    tc.load_rules.cache_clear()
    assert tc.load_rules().examples


@pytest.mark.parametrize(
    ("words", "plan_year", "date"),
    [("年底前", 2021, "2021-12-31"), ("6月底前", 2023, "2023-06-30"), ("上半年", 2024, "2024-06-30"),
     ("下半年", 2024, "2024-12-31"), ("三季度末", 2022, "2022-09-30"), ("2025年前", 2021, "2025-12-31"),
     ("2025年底前", 2021, "2025-12-31"), ("今年内", 2020, "2020-12-31"), ("明年6月底前", 2020, "2021-06-30"),
     ("到2027年", 2026, "2027-12-31"), ("年内", 2026, "2026-12-31"), ("2月底前", 2024, "2024-02-29"),
     ("一九八五年底前", 1983, "1985-12-31"), ("确保建成投用", 2023, "2023-12-31"), ("年底前", None, None),
     ("3年内", 2026, "2028-12-31"), ("汛期前", 2026, None)],
)
def test_deadline_dates(words: str, plan_year: int | None, date: str | None) -> None:
    assert deadline_date(words, plan_year) == date


def _tasks(text: str, plan_year: int = 2023):  # type: ignore[no-untyped-def]
    meta = DocMeta(id="t", plan_year=plan_year, report_year=plan_year, partial=True)
    return extract_tasks(text, matching_view(text), (), meta)


def test_deadline_as_stated_and_finish_within_the_plan_year() -> None:
    tasks = _tasks("加快教育发展。确保年底前公办园幼儿占比提高至50%,6月底前完成老旧小区改造100个。"
                   "确保市体育中心建成投用。推进职业教育改革。")
    got = {t.object: (t.deadline, t.deadline_date) for t in tasks}
    assert got["公办园幼儿占比"] == ("年底前", "2023-12-31")
    assert got["老旧小区改造"] == ("6月底前", "2023-06-30")
    assert got["市体育中心建成投用"] == ("确保建成投用", "2023-12-31")
    assert got["职业教育改革"] == (None, None)


def test_stated_lead_units_come_first() -> None:
    text = ("推进民生实事。\n1.新建养老床位500张,实施物业服务质量提升行动(牵头单位:住建厅;配合单位:民政厅、财政厅)。\n"
            "2.改造老旧小区30个,由市住房城乡建设局负责。\n3.新建高标准农田2万亩。")
    tasks = _tasks(text)
    by = {t.object: t for t in tasks}
    assert by["养老床位"].department == "住建厅" and by["养老床位"].department_source == "stated"
    assert by["物业服务质量提升行动"].co_departments == "民政厅、财政厅"
    assert "牵头单位" not in by["物业服务质量提升行动"].object
    assert by["老旧小区"].department == "市住房城乡建设局"
    assert (by["高标准农田"].department, by["高标准农田"].department_source) == ("农业农村部门", "suggested")
    assert [n.lead for n in unit_notes(matching_view(text), 0, len(text))] == ["住建厅", "市住房城乡建设局"]


def test_a_deadline_is_not_borrowed_from_another_clause() -> None:
    assert find_deadline("新建5G基站210座") is None
    (t, *_) = [t for t in _tasks("推进数字建设。新建5G基站210座,年底前实现乡镇全覆盖。") if t.object == "5G基站"]
    assert t.deadline is None


def test_budget_figures_are_never_tasks() -> None:
    assert _tasks("做好财政工作。今年拟安排财政赤字2.18万亿元,拟安排地方政府专项债券3.75万亿元,发行建设国债1万亿元。") == ()
    for path in NATIONAL:
        r = extract(path)
        for t in r.tasks:
            piece = r.text[t.span.start : t.span.end]
            assert not (t.unit == "元" and any(w in piece for w in load_rules().words["fiscal"])), (path.name, piece)
            assert t.action != "建设" or not t.object.startswith("国债"), piece


def test_formula_injection_is_quoted_in_every_writer(tmp_path: Path) -> None:
    assert [spreadsheet_safe(v) for v in ("=SUM(A1)", "+1", "-2", "@x", "新建", 3)] == \
        ["'=SUM(A1)", "'+1", "'-2", "'@x", "新建", 3]
    csv_text = to_csv(["工作任务"], [{"工作任务": "=HYPERLINK(\"x\")"}])
    assert csv_text.splitlines()[1].startswith("\"'=HYPERLINK")


def test_json_output_and_every_provincial_report_yields_a_table(tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["tasks", str(PROVINCES[0]), "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert rows and {"序号", "工作任务", "牵头单位", "完成时限", "类型", "分组"} <= set(rows[0])
    assert len(PROVINCES) >= 20
    for path in PROVINCES:
        r = extract(path)
        assert len(r.tasks) >= 100, path.name  # a provincial plan part has hundreds of commitments
        assert {t.kind for t in r.tasks} >= {"quantified", "project", "policy"}, path.name


def test_issue_14_examples_on_the_pingdingshan_2020_plan() -> None:
    r = extract(SHARED / "seeds" / "001_b22adb992074723f.txt")
    by = {t.object: t for t in r.tasks}
    for name in ("鲁山机场", "焦唐高速平顶山段", "三洋铁路"):  # named projects: one row each
        assert by[name].kind == "project" and by[name].value is None, name
    assert by["全国双拥模范城“六连冠”"].kind == "creation"
    assert len({(t.span.start, t.span.end) for t in r.tasks}) == len(r.tasks)  # no row twice
    assert all(t.unit != "元" or "债" not in r.text[t.span.start : t.span.end] for t in r.tasks)


def test_the_store_keeps_the_task_fields_and_migrates_a_version_1_file(tmp_path: Path) -> None:
    import sqlite3

    from govreport.store import open_store, schema

    old = schema.DDL_V6.replace("    kind            TEXT,\n    deadline_date   TEXT,\n    department_source TEXT,\n"
                                "    co_departments  TEXT,\n", "")
    assert old != schema.DDL_V6
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    conn.executescript(f"BEGIN;\n{old}\nPRAGMA user_version = 1;\nCOMMIT;")
    conn.close()
    r = extract(SHARED / "seeds" / "002_169e54f75cef3fbb.txt")
    with open_store(path) as store:
        store.write_report(r, sha256="d" * 64, size=len(r.text))
        got = store.get_report(r.doc.id)["tasks"]
    assert [t["kind"] for t in got] == [t.kind for t in r.tasks]
    dated = [t for t in got if t["deadline_date"]]
    assert [(t["deadline"], t["deadline_date"]) for t in dated] == [("年底前", "2023-12-31")]
