"""The session as a report or a story names it, without the date, time of day or 在 written
before its place (metadata/session_place.py). Every text is written for this file."""

from __future__ import annotations

import pytest

from govreport import Options, extract
from govreport.metadata.session_place import place_before, place_reaching_back


@pytest.mark.parametrize(("words", "place"), [
    ("——2021年1月18日在某某市", "某某市"),
    ("2020年6月22日在某县", "某县"),
    ("5月11日上午,某某县", "某某县"),
    ("1月26日下午，某某区", "某某区"),
    ("刚才,某某市某某区", "某某市某某区"),
    ("备受瞩目的某县", "某县"),
    ("日照市莒县", "日照市莒县"),  # a place that starts with 日 keeps it
    ("某某自治州", "某某自治州"),
    ("", ""),
])
def test_the_place_words_before_a_session(words: str, place: str) -> None:
    assert place_before(words, len(words)) == place


def test_a_place_a_pattern_cut_short_is_taken_back_to_its_first_character() -> None:
    text = "1月26日上午,日照市莒县第十八届人民代表大会第三次会议开幕"
    start, end = text.index("照"), text.index("第")
    assert place_reaching_back(text, start, end) == "日照市莒县"
    text = "8日召开的某某市八届人大三次会议"
    assert place_reaching_back(text, text.index("某"), text.index("八届")) == "某某市"


@pytest.mark.parametrize(("text", "session"), [
    ("某某市人民政府工作报告\n——2021年1月18日在某某市第十五届人民代表大会第五次会议上\n某某市市长 张某某\n"
     "各位代表：\n现在，我代表市人民政府向大会报告工作。\n",
     "某某市第十五届人民代表大会第五次会议"),
    ("1月26日上午,日照市莒县第十八届人民代表大会第三次会议开幕。县长王某某作政府工作报告。"
     "报告指出，全县地区生产总值增长6%。\n",
     "日照市莒县第十八届人民代表大会第三次会议"),
])
def test_the_session_of_a_report_or_a_story(text: str, session: str) -> None:
    assert extract(text, Options(doc_id="x", tasks=False, slogans=False)).doc.session == session
