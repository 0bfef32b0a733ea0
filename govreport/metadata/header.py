"""The title block of a report: title, the "——date 在…会议上" line, the speaker line, the session.

All matching is on the view (same length as the text), in the head only; the title is sliced
from the text, names and the session from the view (simplified: 農融 → 农融,
馬鞍山 → 马鞍山). Dates may be in Arabic or Chinese numerals (二〇二六年一月二十日).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govreport.metadata.session_place import place_before
from govreport.numbers import CN_DIGITS, chinese_to_number


def cn_int(s: str) -> int | None:
    """'2026' / '二〇二六' (digit by digit) / '二十' / '十三' / '13' → int; None if not a number."""
    s = re.sub(r"\s+", "", s).replace("O", "〇").replace("Ｏ", "〇")  # a letter O stands in for 〇
    if not s:
        return None
    if s.isdigit():
        return int(s)
    value = chinese_to_number(s)
    if value is None and len(s) == 2 and all(c in CN_DIGITS for c in s):
        value = float("".join(str(CN_DIGITS[c]) for c in s))  # 二五 as a day of the month: 25
    return int(value) if value is not None and value == int(value) else None


#: a year, 2024 / 2 0 2 4 / 二〇二四: written to start with one character class (the two forms'
#: first characters do not overlap), so that a regex starting with a year skips to those characters
YEAR = r"(?:[\d〇○零OＯ一二三四五六七八九](?:(?<=\d)(?:\s?\d){3}|(?<=[〇○零OＯ一二三四五六七八九])[〇○零OＯ一二三四五六七八九]{3}))"
SMALL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE = rf"(?P<y>{YEAR})\s*年\s*(?P<m>{SMALL})\s*月\s*(?:(?P<d>{SMALL})\s*日)?"
DATE = re.compile(_DATE)
_DASHES = r"—－–―─━~～\-"

# ——2020年5月12日在平顶山市第十一届人民代表大会第三次会议上  (dashes, brackets optional)
SESSION_LINE = re.compile(
    rf"(?m)^(?:政\s*府\s*工\s*作\s*报\s*告)?[{_DASHES}\s(（\[【?？;；|]*(?:{_DATE}\s*)?在\s*"
    rf"(?P<session>[^\n]{{2,60}}?[会會][议議])\s*上"
)
# 平顶山市第十一届人民代表大会第三次会议 / 第十四届全国人民代表大会第二次会议 / 民权县十五届人大五次会议
SESSION = re.compile(
    rf"(?P<place>[^\s，。:：、]{{0,30}}?)第?(?P<term>{SMALL})[届屆]\s*(?P<body>全[国國]人民代表大[会會]|人民代表大[会會]|人大)"
    rf"(?:常[务務]委[员員][会會])?\s*第?(?P<sess>{SMALL})次(?:全体)?[会會][议議]"
)

TITLES = ("总理", "省长", "市长", "县长", "区长", "州长", "旗长", "盟长", "主席", "专员", "行政长官")
_TITLE = r"(?:(?:代理|代|常务副|副)?(?:" + "|".join(TITLES) + "))"
_NAME = (
    r"(?:[\u4e00-\u9fff]{2,8}·[\u4e00-\u9fff·]{2,12}|[\u4e00-\u9fff](?:[ \u3000]{0,3}[\u4e00-\u9fff]){1,3})"
)
NAME, OFFICE = _NAME, _TITLE  # a person's name, a head of government's title (shared with news.py)
# a junk marker a copy site leaves at line ends (PZl, hd9, 22M)
JUNK = r"(?:[A-Za-z][A-Za-z0-9]{0,3}|\d{1,2}[A-Za-z]{1,2})?"
# a photo caption or news line: 省长毛伟明作政府工作报告
SPEAKER_NEWS = re.compile(
    rf"(?P<title>{_TITLE})(?P<name>[\u4e00-\u9fff]{{2,3}}?)(?:代表[^，。]{{0,12}})?作(?:政府)?工作报告"
)
# 平顶山市人民政府市长 张雷明 / 省长 王凯 / 国务院总理\n李克强 — a line of its own, name last
SPEAKER = re.compile(
    rf"(?m)^[ \t]*(?P<gov>[^\n，。：:；;]{{0,30}}?)[ \t]*(?P<title>{_TITLE})"
    rf"[ \t:：]*\n?[ \t]*(?P<name>{_NAME}){JUNK}[ \t]*$"
)
TITLE_WORDS = re.compile(r"政\s*府\s*工\s*作\s*报\s*告")
CHROME = re.compile(r"来源|发布|时间|浏览|点击|作者|编辑|字号|打印|分享|首页|当前位置|>>")


@dataclass(frozen=True, slots=True)
class Header:
    title: str | None = None
    title_start: int | None = None
    date: str | None = None
    date_year: int | None = None
    session: str | None = None
    session_place: str | None = None  # the words before 第N届 (平顶山市, 全国 for the NPC)
    session_term: int | None = None
    session_number: int | None = None
    national_session: bool = False
    speaker: str | None = None
    speaker_title: str | None = None
    speaker_gov: str | None = None  # 平顶山市人民政府
    opening: int | None = None  # offset of 各位代表 (end of the title block)


def _date(m: re.Match[str]) -> tuple[int | None, str | None]:
    y = cn_int(m.group("y"))
    mo = cn_int(m.group("m"))
    d = cn_int(m.group("d")) if m.group("d") else None
    if y is None or not 1949 <= y <= 2100 or mo is None or not 1 <= mo <= 12:
        return None, None
    if d is None or not 1 <= d <= 31:
        return y, None
    return y, f"{y:04d}-{mo:02d}-{d:02d}"


def _line_at(s: str, i: int) -> str:
    return s[s.rfind("\n", 0, i) + 1 : (s.find("\n", i) + 1 or len(s) + 1) - 1]


def head_end(view: str) -> tuple[int, int | None]:
    """(end of the head, offset of the opening 各位代表 if any)."""
    m = re.search(r"各\s*位\s*代\s*表", view[: min(6000, max(1500, len(view) * 2 // 5))])
    if m:
        return m.start(), m.start()
    return min(len(view), 1500), None


def parse_header(text: str, view: str) -> Header:
    end, opening = head_end(view)
    head = view[:end]
    title = title_start = None
    for m in TITLE_WORDS.finditer(head):  # the words may be spaced or broken over lines: 政府工作报\n告
        start = head.rfind("\n", 0, m.start()) + 1
        stop = head.find("\n", m.end())
        stop = len(head) if stop < 0 else stop
        line = head[start:stop]
        if not CHROME.search(line) and len(line.strip()) <= 70:
            title = re.sub(r"^[#\s]+", "", text[start:stop]).strip()
            title = re.sub(r"\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+", "", title)
            title_start = start
            break
    date = session = place = None
    date_year = term = number = None
    national = False
    session_end = None
    if m := SESSION_LINE.search(head):
        session_end = head.find("\n", m.end())
        session_end = None if session_end < 0 else session_end
        if m.group("y"):
            date_year, date = _date(m)
        elif dm := DATE.search(head, m.end(), min(len(head), m.end() + 40)):
            date_year, date = _date(dm)
        session = re.sub(r"\s+", "", view[m.start("session") : m.end("session")])
    if session is None:  # 民权县十五届人大五次会议文件 above the title
        for sm in SESSION.finditer(head):
            if len(_line_at(head, sm.start())) > 40 or "从" in head[max(0, sm.start() - 3) : sm.start()]:
                continue
            session = re.sub(r"\s+", "", view[sm.start() : sm.end()]).removesuffix("文件")
            break
    if session:
        if sm := SESSION.search(session):
            place = sm.group("place") or None
            term, number = cn_int(sm.group("term")), cn_int(sm.group("sess"))
            national = sm.group("body").startswith("全")
            if national:
                place = "全国"
            if place and place != "全国":  # ——2020年4月22日在呼和浩特市第十五届…: the place alone
                place = place_before(session, sm.end("place")) or None
                session = (place or "") + session[sm.end("place") :]
            else:
                session = session[sm.start() :]
    if date is None and title:  # (河南省)新郑市人民政府工作报告(2023年2月27日)
        if tm := DATE.search(title):
            date_year, date = _date(tm)
    if date is None:  # a line that is only a date, in brackets or after dashes
        for dm in re.finditer(rf"(?m)^[{_DASHES}\s(（]*{_DATE}[\s)）]*$", head):
            if not CHROME.search(head[max(0, dm.start() - 20) : dm.start()]):
                date_year, date = _date(dm)
                break
    speaker = speaker_title = gov = None
    if m := SPEAKER.search(head):
        speaker = re.sub(r"\s+", "", view[m.start("name") : m.end("name")])
        speaker_title = re.sub(r"\s+", "", m.group("title"))
        if m.group("gov") and m.group("gov").strip():
            gov = re.sub(r"\s+", "", view[m.start("gov") : m.end("gov")])
    if speaker is None and session_end is not None:  # a bare name on the line after the session line
        if m := re.match(rf"{JUNK}[ \t]*\n[ \t]*(?P<name>{_NAME}){JUNK}[ \t]*(?:\n|$)", head[session_end:]):
            speaker = re.sub(r"\s+", "", m.group("name"))
    if speaker is None and (m := SPEAKER_NEWS.search(head)):
        speaker, speaker_title = m.group("name"), m.group("title")
    return Header(
        title=title,
        title_start=title_start,
        date=date,
        date_year=date_year,
        session=session,
        session_place=place,
        session_term=term,
        session_number=number,
        national_session=national,
        speaker=speaker,
        speaker_title=speaker_title,
        speaker_gov=gov,
        opening=opening,
    )
