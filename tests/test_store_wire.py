"""Ingest results cross processes as (class, field values): equal objects, and plain pickle untouched."""

from __future__ import annotations

import pickle
from multiprocessing.reduction import ForkingPickler

from govreport import extract
from govreport.model import Span, Task
from govreport.options import Options
from govreport.store import ingest as store_ingest  # registers the reducers
from govreport.store.wire import MODEL_CLASSES

TEXT = ("某某县2024年政府工作报告\n各位代表：\n一、2023年工作回顾\n全县生产总值增长6.5%，达到320亿元。\n"
        "二、2024年主要任务\n新建学校3所，城镇新增就业5000人。\n为建设美好家园而努力奋斗！")


def test_a_report_crosses_equal_and_smaller_in_work() -> None:
    report = extract(TEXT, Options(text_only=True))
    done = store_ingest._Done("x.txt", "0" * 64, 10, report, index=[None], fingerprint=None)
    back = pickle.loads(ForkingPickler.dumps(done))
    assert back == done and back.report == report and back.report.tasks == report.tasks
    assert type(back.report.facts[0]) is type(report.facts[0])


def test_only_the_multiprocessing_pickler_changes() -> None:
    span = Span(1, 2)
    assert b"Span" in pickle.dumps(span)  # the default pickling (a dataclass state) still works
    assert pickle.loads(pickle.dumps(span)) == span
    assert pickle.loads(ForkingPickler.dumps(span)) == span
    assert Task in MODEL_CLASSES and all(c in ForkingPickler._extra_reducers for c in MODEL_CLASSES)
