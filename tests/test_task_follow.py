"""Task follow-up across years (issue 14, item 3): the cue lexicon's examples and validation, the
matching rules, and the store, CLI and web paths over two small reports."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from govreport.cli import cli
from govreport.errors import LexiconError
from govreport.model import Bound, Span, Task
from govreport.pipeline import extract
from govreport.store import open_store
from govreport.task_follow import follow_rows, follow_tasks, follow_up, load_cues, review_spans, shares

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from govreport.web import create_app

PLAN = ("某市人民政府\n政府工作报告\n一、2020年工作回顾\n过去一年，各项工作取得新成效。\n"
        "二、2021年主要工作\n（一）抓好重大项目。开工建设豫中机场，建成焦唐高速平顶山段，加快三洋铁路建设。"
        "新建高标准农田22万亩。争创全国文明城市。\n"
        "（二）推进改革。深化“放管服”改革，完善社会信用体系，推动养老服务体系建设。\n")
NEXT = ("某市人民政府\n政府工作报告\n一、2021年工作回顾\n过去一年，我们办成了一批大事。豫中机场建成投用，"
        "焦唐高速平顶山段开工建设，成功创建全国文明城市。新建高标准农田25万亩。“放管服”改革尚未全面推开。\n"
        "二、2022年主要工作\n（一）继续抓好项目。建设豫中机场二期。\n")


def _task(obj: str, value: float | None = None, unit: str | None = None, bound: str | None = None) -> Task:
    return Task(action="", object=obj, span=Span(0, 0), value=value, unit=unit,
                bound=Bound(bound) if bound else None)


@pytest.mark.parametrize("example", load_cues().examples, ids=lambda e: e["task"][:10])
def test_cue_lexicon_examples(example: dict) -> None:  # type: ignore[type-arg]
    task = _task(example["task"], example.get("value"), example.get("unit"), example.get("bound"))
    (f,) = follow_tasks([task], example["review"], [(0, len(example["review"]))])
    assert (f.status, f.cue) == (example["status"], example.get("cue")), f


def test_cue_lexicon_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    import govreport.task_follow as tf

    good = tf.read_yaml("follow_cues.yaml")
    broken = ({**good, "done": []}, {**good, "started": [*good["started"], "建成"]},
              {**good, "unfinished": ["尚未", "尚未"]}, {**good, "examples": [{"task": "x", "review": "y", "status": "?"}]},
              {**good, "examples": []}, ["not", "a", "mapping"])
    for data in broken:
        monkeypatch.setattr(tf, "read_yaml", lambda name, d=data: d)
        tf.load_cues.cache_clear()
        with pytest.raises(LexiconError):
            tf.load_cues()
    monkeypatch.undo()
    tf.load_cues.cache_clear()
    assert tf.load_cues().done


def _by_object(followups: tuple) -> dict:  # type: ignore[type-arg]
    return {f.task.object: f for f in followups}


def test_follow_up_of_two_reports_statuses_and_evidence() -> None:
    a, b = extract(PLAN), extract(NEXT)
    got = _by_object(follow_up(a, b))
    assert got["豫中机场"].status == "done" and got["豫中机场"].cue == "建成投用"
    assert got["豫中机场"].method == "name"
    assert got["焦唐高速平顶山段"].status == "started" and got["焦唐高速平顶山段"].cue == "开工建设"
    assert got["全国文明城市"].status == "done"
    assert got["高标准农田"].status == "done" and got["高标准农田"].cue == "达到目标"  # 25万亩 ≥ 22万亩
    assert got["“放管服”改革"].status == "started" and got["“放管服”改革"].cue == "尚未"
    assert got["社会信用体系"].status == "not_mentioned" and got["社会信用体系"].review_span is None
    # both pieces of evidence: the task's span in year Y, the review's clause in year Y+1
    f = got["豫中机场"]
    assert "豫中机场" in a.text[f.task.span.start : f.task.span.end]
    assert f.review_span is not None and f.review_span.slice(b.text) == f.review == "豫中机场建成投用"
    assert "豫中机场建成投用" in f.review_sentence
    # the plan part of the next report is not its review: 建设豫中机场二期 is never evidence
    assert all(f.review_span is None or f.review_span.end < b.text.index("二、2022") for f in got.values())


def test_no_review_and_nothing_shared_gives_not_mentioned() -> None:
    assert review_spans([("tasks", 0, 50)], 50) == []
    assert review_spans([("preamble", 0, 10), ("tasks", 40, 90)], 90) == [(0, 40)]
    assert review_spans([("review", 10, 40), ("review", 20, 60)], 100) == [(10, 60)]
    (f,) = follow_tasks([_task("全民健身中心")], "粮食产量再创新高。", [])
    assert f.status == "not_mentioned"


def test_generic_words_alone_never_match() -> None:
    # 建设, 体系, 工作 are generic: a clause sharing only them names another task
    (f,) = follow_tasks([_task("公共文化服务体系建设")], "社会保障体系建设加快推进。", [(0, 13)])
    assert f.status == "not_mentioned"
    # a quoted plan period (“十三五”) is no name either
    (f,) = follow_tasks([_task("一批“十三五”规划重大项目")], "编制西部大开发“十三五”规划。", [(0, 15)])
    assert f.status == "not_mentioned"


def test_the_number_nearest_the_task_words_decides() -> None:
    review = "新建改建高速公路6700多公里、农村公路29万公里。"
    (f,) = follow_tasks([_task("农村公路", 2e8, "米", "min")], review, [(0, len(review))])
    assert (f.status, f.cue) == ("done", "达到目标")
    (f,) = follow_tasks([_task("农村公路", 3e8, "米", "min")], review, [(0, len(review))])
    assert (f.status, f.cue) == ("started", "未达目标")
    ceiling = "单位能耗强度降至0.5吨标准煤。"  # a ceiling is met from below
    for limit, status, cue in ((0.6, "done", "达到目标"), (0.4, "started", "未达目标")):
        (f,) = follow_tasks([_task("单位能耗强度", limit, "吨", "max")], ceiling, [(0, len(ceiling))])
        assert (f.status, f.cue) == (status, cue), (limit, f)


def test_rows_and_shares() -> None:
    a, b = extract(PLAN), extract(NEXT)
    fs = follow_up(a, b)
    rows = follow_rows(a.doc.id, b.doc.id, a.text, fs)
    assert [r["进展"] for r in rows if r["工作任务"].endswith("豫中机场")] == ["已完成"]
    assert {r["状态"] for r in rows} <= {"done", "started", "not_mentioned"}
    s = shares(fs)
    assert abs(sum(s.values()) - 1) < 0.01 and s["done"] > 0


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("follow")
    (folder / "a.txt").write_text(PLAN.replace("某市", "平顶山市"), encoding="utf-8")
    (folder / "b.txt").write_text(NEXT.replace("某市", "平顶山市"), encoding="utf-8")
    path = folder / "f.db"
    with open_store(path) as store:
        for name in ("a.txt", "b.txt"):
            r = extract(folder / name)
            store.write_report(r, sha256=name * 10, size=len(r.text))
    return path


def _ids(db: Path) -> list[str]:
    with open_store(db, readonly=True) as store:
        return [r["id"] for r in store.list_reports()]


def test_store_path_gives_the_same_statuses_as_the_reports(db: Path) -> None:
    from govreport.store.followups import stored_followups

    first, second = _ids(db)
    with open_store(db, readonly=True) as store:
        got = stored_followups(store, first)
        assert got.next_report is not None and got.next_report["id"] == second
        assert stored_followups(store, second).next_report is None
    direct = follow_up(extract(PLAN.replace("某市", "平顶山市")), extract(NEXT.replace("某市", "平顶山市")))
    assert [(f.task.object, f.status, f.review_span) for f in got.followups] == \
        [(f.task.object, f.status, f.review_span) for f in direct]


def test_cli_tasks_db_follow(db: Path, tmp_path: Path) -> None:
    res = CliRunner().invoke(cli, ["tasks", "--db", str(db), "--follow", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    by = {r["工作任务"]: r for r in rows}
    assert by["开工建设豫中机场"]["进展"] == "已完成" and "建成投用" in by["开工建设豫中机场"]["次年报告依据"]
    assert by["完善社会信用体系"]["进展"] == "未提及"
    assert "no report of the next year" in res.stderr and "done" in res.stderr
    first = _ids(db)[0]
    res = CliRunner().invoke(cli, ["tasks", "--db", str(db), "--year", "2021", "--format", "csv"])
    assert res.exit_code == 0 and res.output.splitlines()[0].startswith("序号,工作任务")
    assert "进展" not in res.output.splitlines()[0] and "开工建设豫中机场" in res.output
    res = CliRunner().invoke(cli, ["tasks", "--db", str(db)])  # two reports: a column says which
    assert res.output.splitlines()[0].startswith("报告,序号") and f"\n{first}," in res.output
    out = tmp_path / "f.xlsx"
    res = CliRunner().invoke(cli, ["tasks", "--db", str(db), "--follow", "--region", "平顶山市", "--format", "xlsx",
                                   "--out", str(out)])
    assert res.exit_code == 0, res.output
    from openpyxl import load_workbook

    ws = load_workbook(out).worksheets[0]
    assert [c.value for c in ws[1]][:5] == ["序号", "工作任务", "牵头单位", "完成时限", "进展"]
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    heights = [ws.row_dimensions[r].height for r in range(3, ws.max_row + 1) if ws.cell(r, 2).value]
    assert heights and all(h and h >= 15 for h in heights)  # data rows sized to their wrapped text
    for bad in (["tasks", "--follow"], ["tasks", "--db", str(db), "x.txt"], ["tasks"]):
        assert CliRunner().invoke(cli, bad).exit_code == 2, bad
    assert CliRunner().invoke(cli, ["tasks", "--db", str(tmp_path / "none.db"), "--follow"]).exit_code != 0


def test_web_task_page(db: Path) -> None:
    first, second = _ids(db)
    with TestClient(create_app(db)) as client:
        page = client.get("/tasks", params={"id": first})
        assert page.status_code == 200 and "已完成" in page.text and "豫中机场建成投用" in page.text
        data = client.get("/tasks.json", params={"id": first, "status": "done"}).json()
        assert data["next_report"] == second and data["counts"]["done"] >= 3
        assert data["rows"] and all(r["状态"] == "done" for r in data["rows"])
        later = client.get("/tasks", params={"id": second})
        assert later.status_code == 200 and "暂无进展" in later.text
        assert client.get("/tasks.json", params={"id": second}).json()["rows"]
        assert client.get("/tasks", params={"id": "nope"}).status_code == 404
        assert client.get("/tasks").status_code == 400
        assert client.get("/tasks.json", params={"id": first, "status": "bogus"}).status_code == 400
