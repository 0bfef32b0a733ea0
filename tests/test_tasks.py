"""Tasks (issue 6): the task table on the seeds, plan-part scoping, deadlines, the CLI table,
and precision on a hand-labelled corpus sample (tests/fixtures/labels/tasks.tsv)."""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner
from shared_paths import SHARED

from govreport.cli import cli
from govreport.model import Bound, Report, Role
from govreport.pipeline import extract
from govreport.tasks import TASK_COLUMNS, find_deadline, load_lexicon, suggest_department, task_rows

SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
LABELS = Path(__file__).parent / "fixtures" / "labels" / "tasks.tsv"
PINGDINGSHAN_2021 = SEEDS / "000_c3a01e0d5631b880.txt"  # a 2021 fragment (上接第二版)
PINGDINGSHAN_2020 = SEEDS / "001_b22adb992074723f.txt"  # full report: review + 2020 plan
XINZHENG = SEEDS / "002_169e54f75cef3fbb.txt"


@cache
def report(path: Path) -> Report:
    return extract(path)


def _task(r: Report, action: str, obj: str):
    found = [t for t in r.tasks if t.action == action and t.object == obj]
    assert found, f"no task {action}{obj} in {[t.action + t.object for t in r.tasks]}"
    return found[0]


@pytest.mark.parametrize(
    ("action", "obj", "value", "unit", "bound", "written", "area", "department"),
    [
        ("新建", "高标准农田", 220000, "亩", Bound.EXACT, "22万亩", "扛稳粮食安全重任", "农业农村部门"),
        ("新建", "农村公路", 300000, "米", Bound.MIN, "300公里以上", "实施乡村建设行动", "交通运输部门"),
        ("完成", "造林", 87000, "亩", Bound.EXACT, "8.7万亩", "加强生态保护治理", "林业部门"),
    ],
)
def test_pingdingshan_2021_task_table(action, obj, value, unit, bound, written, area, department):
    r = report(PINGDINGSHAN_2021)
    t = _task(r, action, obj)
    assert (t.value, t.unit, t.bound, t.value_max) == (value, unit, bound, None)
    assert (t.area, t.department) == (area, department)
    assert r.text[t.span.start : t.span.end] == f"{action}{obj}{written}"
    assert t.sentence in r.text and r.text[t.span.start : t.span.end] in t.sentence
    row = next(row for row in task_rows(r.text, r.tasks) if row["工作任务"] == action + obj)
    assert (row["量化指标"], row["分组"], row["牵头单位"]) == (written, area, f"{department}（建议）")
    assert (t.kind, t.department_source) == ("quantified", "suggested")


def test_items_sharing_a_verb_and_verb_quantity_object_order():
    r = report(XINZHENG)
    # 完成新造林200亩、森林抚育7000亩: the second item inherits 完成
    assert _task(r, "完成", "森林抚育").value == 7000
    # 新建8个5000平方米以上公园游园: the count comes first, the object after it
    t = _task(r, "新建", "5000平方米以上公园游园")
    assert (t.value, t.unit) == (8, "个")


def test_named_commitment_without_quantity():
    t = _task(report(XINZHENG), "加快推进", "南水北调中线观音寺调蓄工程")
    assert t.value is None and t.unit is None and t.bound is None
    assert t.department == "水利部门"


def test_tasks_come_from_the_plan_part_only():
    r = report(PINGDINGSHAN_2020)
    review = [s for s in r.sections if s.role is Role.REVIEW]
    assert review and r.tasks
    for t in r.tasks:
        assert not any(s.span.start <= t.span.start < s.span.end for s in review), t
    # a 2019 result of the review part is not a 2020 task
    assert "新改建农村公路470公里" in r.text
    assert not any(t.object == "农村公路" and t.value == 470000 for t in r.tasks)


def test_seed_tasks_are_well_formed():
    for path in sorted(SEEDS.glob("*.txt")):
        r = report(path)
        for t in r.tasks:
            piece = r.text[t.span.start : t.span.end].replace("\n", "")  # a page break is not in the object
            assert t.object in piece.replace("（", "(").replace("）", ")") or t.object in piece
            if t.unit in {"%", "个百分点"}:  # rates are facts, unless a commitment sets them (确保…提高至50%)
                assert t.action.startswith(("确保", "力争", "争取")) or re.search("达到|提高至|提高到|覆盖率|占比", piece)
            assert (t.value is None) == (t.unit is None) == (t.bound is None)


@pytest.mark.parametrize(
    ("sentence", "deadline"),
    [
        ("计划在一九八五年底前建成投产八千万吨", "一九八五年底前"),
        ("鹰潭——厦门线也将在今年内提前完成", "今年内"),
        ("提高5G网络覆盖面,新建5G基站210座,年底前实现乡镇、农村热点区域全覆盖", "年底前"),
        ("新建高标准农田22万亩。", None),
    ],
)
def test_find_deadline(sentence, deadline):
    assert find_deadline(sentence) == deadline


def test_deadline_is_not_borrowed_from_a_later_clause():
    # 新建5G基站210座,年底前实现…全覆盖: 年底前 belongs to the coverage goal
    t = _task(report(SEEDS / "003_d19a3fbfac6a3ffe.txt"), "新建", "5G基站")
    assert t.value == 210 and t.deadline is None


@pytest.mark.parametrize(
    ("obj", "area", "department"),
    [("老旧小区", None, "住房城乡建设部门"), ("高标准农田", None, "农业农村部门"),
     ("示范线", "实施乡村建设行动", "农业农村部门"), ("未知事物", None, None)],
)
def test_suggest_department(obj, area, department):
    assert suggest_department(obj, area) == department


def test_lexicon_is_valid():
    lex = load_lexicon()
    assert all(lex.verbs.fullmatch(v) for v in ("新建", "完成", "开工", "建成", "改造", "新增"))
    assert "力争" in lex.modals and "推进" in lex.named
    assert len(lex.departments) > 30


def test_cli_csv_and_xlsx(tmp_path):
    runner = CliRunner()
    res = runner.invoke(cli, ["tasks", str(PINGDINGSHAN_2021), "--format", "csv"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.output)))
    assert list(rows[0])[: len(TASK_COLUMNS)] == list(TASK_COLUMNS)
    assert [r["序号"] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    farmland = next(r for r in rows if r["工作任务"] == "新建高标准农田")
    assert (farmland["量化指标"], farmland["牵头单位"]) == ("22万亩", "农业农村部门（建议）")
    assert (farmland["分组"], farmland["类型"], farmland["牵头单位来源"]) == ("扛稳粮食安全重任", "量化指标", "建议")
    assert "新建高标准农田22万亩" in farmland["原文"]

    out = tmp_path / "tasks.xlsx"
    res = runner.invoke(cli, ["tasks", str(PINGDINGSHAN_2021), "--format", "xlsx", "--out", str(out)])
    assert res.exit_code == 0, res.output
    from openpyxl import load_workbook

    ws = load_workbook(out).active
    values = list(ws.values)
    assert list(values[0]) == list(TASK_COLUMNS)
    assert ws.freeze_panes == "A2" and ws.cell(2, 1).alignment.wrap_text is not True  # a group heading row
    tasks = [v for v in values[1:] if isinstance(v[0], int)]
    groups = [v[0] for v in values[1:] if not isinstance(v[0], int)]
    assert len(tasks) == len(rows) and [v[0] for v in tasks] == list(range(1, len(rows) + 1))
    assert groups == list(dict.fromkeys(r["分组"] or "（未分组）" for r in rows))  # each section once, in order
    assert "A2:G2" in {str(r) for r in ws.merged_cells.ranges}
    assert ws.cell(3, 2).alignment.wrap_text
    assert runner.invoke(cli, ["tasks", str(PINGDINGSHAN_2021), "--format", "xlsx"]).exit_code != 0


def _labels() -> list[dict[str, str]]:
    lines = [ln for ln in LABELS.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def test_precision_on_hand_labelled_corpus_sample():
    labels = _labels()
    assert len(labels) >= 60 and len({r["file"] for r in labels}) >= 5
    produced: dict[tuple[str, str, str, str], None] = {}
    for name in sorted({r["file"] for r in labels}):
        r = report(CORPUS / name)
        for row, t in zip(task_rows(r.text, r.tasks), r.tasks, strict=True):
            produced[(name, t.action, t.object, row["量化指标"])] = None
    matched = [r for r in labels if (r["file"], r["action"], r["object"], r["quantity"]) in produced]
    assert len(matched) >= 0.8 * len(labels)  # the sample still describes today's output
    correct = sum(r["label"] == "1" for r in matched)
    assert correct / len(matched) >= 0.9
