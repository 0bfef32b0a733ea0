"""A report seen through a news story, digest or mangled copy: the session, its date, the speaker.

A story about a congress opening names the session in running text ("1月26日上午，商水县第十五届
人民代表大会第二次会议在县影剧院隆重开幕"), the speaker in third person ("县长李永军在作《政府工作报告》
时", "市长张新起作政府工作报告") and often leaves the year to the page's publication stamp
("日期：2022年01月24日", "2018-01-26 15:55:35"). ``enrich`` fills what the title block left empty;
it never overrides a value the header read. All matching is on the view (simplified, same length).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from govreport.metadata.header import JUNK, NAME, OFFICE, SMALL, YEAR, Header, cn_int
from govreport.metadata.session_place import place_reaching_back

NEWS_HEAD = 2500  # characters of a story searched for the session, its date and the speaker

_PLACE_CH = r"[^\s\d，。:：、,.;；!！?？()（）\[\]【】<>《》“”\"'|年月日在的—－–\-]"
SESSION_TEXT = re.compile(
    rf"(?P<place>{_PLACE_CH}{{0,30}}?)第?(?P<term>{SMALL})[届屆]{JUNK}\s*(?:人民代表大[会會]|人大)"
    rf"{JUNK}\s*第?(?P<sess>{SMALL})次(?:全体)?[会會][议議]"
)
# the session is being held: …会议上午开幕 / 会议在县影剧院隆重开幕 / 会议上
HELD = re.compile(r"[^。，,\n]{0,16}?(?:开幕|召开|举行|闭幕)|上[，,\s]")
# 1月26日上午 / 2019年1月9日 — the last one before the session, in the same sentence
MONTH_DAY = re.compile(rf"(?:(?P<y>{YEAR})\s*年\s*)?(?P<m>{SMALL})\s*月\s*(?P<d>{SMALL})\s*[日号]")
# 在2015年4月27日的镇安县政府工作报告中
DATED_REPORT = re.compile(
    rf"(?P<y>{YEAR})\s*年\s*(?P<m>{SMALL})\s*月\s*(?P<d>{SMALL})\s*日[^。\n]{{0,16}}?政府工作报告"
)
# a publication stamp: 日期：2022年01月24日 / 2018-01-26 15:55:35 / 2019-03-31 on a line of its own
STAMP = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:[-/.]\s*(?P<m1>\d{1,2})\s*[-/.]\s*(?P<d1>\d{1,2})(?!\d)|"
    r"年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日(?=[ \t\u3000]*(?:\d{1,2}:\d\d|作者|来源|$)))",
    re.M,
)
_STOP = set("在代向作的和等及与对为由从把被是")
# 县长李永军在作《政府工作报告》时 / 市长孙喆在会上作政府工作报告 / 县长田庆杰代表西华县人民政府向大会报告工作
SPEAKER_TEXT = re.compile(
    rf"(?P<title>{OFFICE})(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:代表[^，。,]{{0,12}}?)?"
    r"(?:在会上|在大会上|在会议上)?(?:向大会)?(?:(?:作了?|在作|在)[《“\"]?(?:政府)?工作报告|报告(?:政府)?工作)"
)
# a headline without the title: 张叶飞作政府工作报告（摘要）
SPEAKER_HEADLINE = re.compile(r"(?m)^[ \t\u3000]*(?P<name>[\u4e00-\u9fff]{2,3})作[《“\"]?政府工作报告")
# after the session on the same line (a glued title block): …会议上三亚市市长 陈希
SPEAKER_AFTER_SESSION = re.compile(
    rf"[会會][议議]上[ \t\u3000]*(?P<gov>[^\n，。：:；;]{{0,20}}?)(?P<title>{OFFICE})[ \t\u3000:：]*"
    rf"(?P<name>{NAME}){JUNK}(?=[ \t\u3000]*(?:\n|$|各\s*位\s*代\s*表))"
)


@dataclass(frozen=True, slots=True)
class NewsDate:
    """The session's date as a story gives it; the year may be missing (1月9日)."""

    year: int | None
    month: int
    day: int


def _clean(s: str) -> str:
    return re.sub(r"[\s\u3000]+", "", s)


def date_before(view: str, at: int) -> NewsDate | None:
    """The last month/day date in the same sentence before ``at`` (at most 60 characters back)."""
    before = view[max(0, at - 60) : at]
    cut = max(before.rfind("。"), before.rfind("！"))
    dates = list(MONTH_DAY.finditer(before, cut + 1))
    if not dates:
        return None
    d = dates[-1]
    mo, day = cn_int(d.group("m")), cn_int(d.group("d"))
    y = cn_int(d.group("y")) if d.group("y") else None
    if mo and day and 1 <= mo <= 12 and 1 <= day <= 31 and (y is None or 1949 <= y <= 2100):
        return NewsDate(y, mo, day)
    return None


def session_in_text(view: str, limit: int = NEWS_HEAD) -> tuple[re.Match[str] | None, NewsDate | None]:
    """The first session named in running text, preferring one with a date just before it."""
    first = None
    for m in SESSION_TEXT.finditer(view, 0, min(len(view), limit)):
        d = date_before(view, m.start())
        if d is None and not HELD.match(view, m.end()):
            continue  # 完成了市十五届人大四次会议确定的目标: an earlier session, not the one reported to
        if d is not None:
            return m, d
        first = first or m
    return first, None


def dated_report(view: str, limit: int = NEWS_HEAD) -> NewsDate | None:
    """在2015年4月27日的镇安县政府工作报告中: a full date said of the report itself."""
    if m := DATED_REPORT.search(view, 0, min(len(view), limit)):
        y, mo, d = cn_int(m.group("y")), cn_int(m.group("m")), cn_int(m.group("d"))
        if y and mo and d and 1949 <= y <= 2100 and 1 <= mo <= 12 and 1 <= d <= 31:
            return NewsDate(y, mo, d)
    return None


def stamp_year(view: str, month: int, day: int, limit: int = 1500) -> int | None:
    """The year of a session held on month/day, from a publication stamp a few weeks after it.

    A repost months later (公文搜 2021-07-27 for a 2020 report) is not used: the stamp must fall
    within 92 days after the session date.
    """
    for m in STAMP.finditer(view, 0, min(len(view), limit)):
        y = int(m.group("y"))
        sm, sd = int(m.group("m1") or m.group("m2")), int(m.group("d1") or m.group("d2"))
        if not (1 <= sm <= 12 and 1 <= sd <= 31):
            continue
        for year in (y, y - 1):  # a December session stamped in January
            gap = (y - year) * 365 + (sm - month) * 30.5 + (sd - day)
            if 0 <= gap <= 92:
                return year
    return None


def speaker_in_text(view: str, limit: int = NEWS_HEAD) -> tuple[str | None, str | None, int | None]:
    """(name, title, offset) of the speaker as a story names them, else (None, None, None)."""
    hi = min(len(view), limit)
    for m in SPEAKER_TEXT.finditer(view, 0, hi):
        name = m.group("name")
        if not (_STOP & set(name)):
            return name, m.group("title"), m.start()
    if m := SPEAKER_HEADLINE.search(view, 0, hi):
        if not (_STOP & set(m.group("name"))):
            return m.group("name"), None, m.start()
    return None, None, None


def enrich(header: Header, view: str) -> tuple[Header, NewsDate | None]:
    """The header with the session and speaker a story gives, and the session date if the header has none."""
    changes: dict[str, object] = {}
    news_date: NewsDate | None = None
    if header.speaker is None and (m := SPEAKER_AFTER_SESSION.search(view, 0, min(len(view), NEWS_HEAD))):
        changes["speaker"] = _clean(m.group("name"))
        changes["speaker_title"] = _clean(m.group("title"))
        if m.group("gov").strip():
            changes["speaker_gov"] = _clean(m.group("gov"))
    sm, news_date = session_in_text(view) if header.session is None or header.date is None else (None, None)
    if header.session is None and sm is not None:
        changes.update(
            session=_clean(place_reaching_back(view, sm.start(), sm.end("place")) + view[sm.end("place") : sm.end()]),
            session_place=_clean(place_reaching_back(view, sm.start(), sm.end("place"))) or None,
            session_term=cn_int(sm.group("term")),
            session_number=cn_int(sm.group("sess")),
        )
    if header.date is None and news_date is None:
        news_date = dated_report(view)
    name, title, at = speaker_in_text(view) if header.speaker is None or header.date is None else (None,) * 3
    if name and header.speaker is None and "speaker" not in changes:
        changes["speaker"], changes["speaker_title"] = name, title
    if header.date is None and news_date is None and at is not None:  # 1月20日，县长李永军在作《政府工作报告》时
        news_date = date_before(view, at)
    if header.date is not None:
        news_date = None
    return (dataclasses.replace(header, **changes) if changes else header), news_date
