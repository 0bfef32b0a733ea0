"""The cue prefilter never hides a match: every match contains one of the regex's required strings."""

from __future__ import annotations

import random
import re

from govreport.ingest import matching_view
from govreport.metadata.cues import evidence, load_cues
from govreport.metadata.prefilter import may_match, required_strings


def test_required_strings_of_simple_shapes() -> None:
    assert required_strings(re.compile("工作报告")) == ("工作报告",)
    assert required_strings(re.compile(r"\d+年(?:主要任务|工作安排)")) == ("主要任务", "工作安排")
    assert required_strings(re.compile(r"[网报]讯")) == ("讯",)
    assert required_strings(re.compile(r"[网报]\d")) == ("报", "网")
    assert required_strings(re.compile(r"(?:记者)?\d+")) is None  # an optional part gives nothing
    assert required_strings(re.compile(r"(?<=记者)\d+")) is None  # nor a look-behind
    assert required_strings(re.compile("abc", re.I)) is None
    assert required_strings(re.compile(r"a|\d")) is None  # one branch without a literal
    assert not may_match(("记者",), "新华社讯，一二三", 0, 8) and may_match(("记者",), "本报记者", 0, 4)
    assert not may_match(("记者",), "本报记者", 0, 3)  # not inside the range
    assert may_match(None, "", 0, 0)


def _cases(rng: random.Random, alphabet: str, n: int) -> list[str]:
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(n)]


def test_no_cue_match_is_filtered_out() -> None:
    rng = random.Random(5)
    cues = load_cues()
    alphabet = "".join({ch for c in cues for ch in c.regex.pattern if not ch.isascii()}) + "0123456789年月日，。！\n "
    texts = _cases(rng, alphabet, 3000) + [c.note for c in cues]
    for text in texts:
        view = matching_view(text)
        for cue in cues:
            for m in cue.regex.finditer(view):
                assert may_match(cue.needs, view, m.start(), m.end()), (cue.rule, view)


def test_closing_searched_from_the_end_gives_the_same_answer() -> None:
    rng = random.Random(6)
    body = "我们要坚定信心，真抓实干。" * 300
    for ending in ("为建设美好家园而努力奋斗！", "以上报告，请审议。", "谢谢大家！", ""):
        for cut in (0, rng.randrange(1, 2000), 3000):
            view = body[: len(body) - cut] + ending + "附件：名词解释" * rng.randrange(0, 50)
            assert evidence(view, "closing", 100, from_end=True) == evidence(view, "closing", 100)
