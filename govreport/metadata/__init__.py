"""Metadata: who reports (region, level, GB/T 2260 code, speaker), when (year, date, session,
periods) and whether the text is whole.

``extract_meta(doc, view, options)`` reads the title block at the head of the text (title,
"——date 在…会议上" line, speaker line), then what a news story or digest says of the report
(``news``: the session opening "1月26日上午，商水县第十五届人民代表大会…", the speaker "县长李永军在作
《政府工作报告》时", a publication stamp for the year), falls back to body cues for texts without a
title block (``lexicons/meta_cues.tsv``) and resolves places with the gazetteer
(``lexicons/gazetteer.tsv``). National reports get region "全国", level "national" and
``admin_code`` null (GB/T 2260 has no code for the whole country). A site's publication
date ("发布时间: 2022-04-21") is never taken as the report date. A report given in December
is dated by its delivery: the review covers that year and plan_year is the next one.
"""

from __future__ import annotations

import re

from govreport.ingest.document import Document
from govreport.metadata.cues import evidence, npc_year, tail_start, year_from_cues
from govreport.metadata.gazetteer import Gazetteer, Place, load_gazetteer
from govreport.metadata.header import DATE, YEAR, Header, cn_int, parse_header
from govreport.metadata.news import NewsDate, enrich, stamp_year
from govreport.metadata.region import Region, resolve
from govreport.model import DocMeta
from govreport.options import DEFAULT, Options

__all__ = ["Gazetteer", "Header", "Place", "Region", "extract_meta", "is_partial", "load_gazetteer"]

CONTINUED = re.compile(r"(?:接|转)\s*第?\s*[0-9一二三四五六七八九十]{1,3}\s*[版页]")
OPENING = re.compile(
    r"^(?:各\s*位\s*代\s*表|现在|我代表|我受|受[^，。]{0,12}委托|根据|过去(?:的)?一年|过去五年|五年来|一年来|"
    r"本届政府|刚刚过去|(?:\d{4}|[〇○零一二三四五六七八九]{4})年(?:是|，|,|以来)|[一二三四五六七八九十]+、)"
)
FIVE_YEARS = re.compile(
    r"过去五年|五年来|本届政府[^。]{0,12}(?:五年|任期)|以来的五年|整整过去了五年|五年成就|五年工作回顾"
)
# a review named with its year: 一、2023年工作回顾 / 2021年及过去五年工作回顾 / 回顾2018年
REVIEW_YEAR = re.compile(
    rf"(?P<y>{YEAR})\s*年(?:政府)?(?:(?:及|和)[^。、\n]{{0,12}}?)?工作(?:的)?回顾|回顾(?:总结)?了?[^。，,；;\n]{{0,8}}?(?P<y2>{YEAR})\s*年(?!以来|至)"
)
# a fragment reviews something: these words open or head a review
REVIEW_WORDS = re.compile(
    r"工作回顾|回顾|过去(?:的)?一年|一年来|去年|即将过去的|刚刚过去的|预计|据统计预测|成就|成绩单|"
    r"(?:全年|全市|全县|全区|全省)[^。]{0,8}(?:实现|完成)[^。]{0,12}生产总值"
)
RESULT_WORDS = "生产总值|GDP|增长|实现|完成|达到"  # 2018年全县生产总值增长8%: results of the year reviewed
BODY_HEAD = 2000  # characters after the opening searched for year and review cues
NEWS_HEAD = 2000  # characters at the start searched for news phrasing


def is_partial(view: str, header: Header) -> bool:
    """A fragment: a page marker (上接第二版), no opening where the body starts, a news story's
    phrasing (报告指出, 记者, 在作政府工作报告时), or no closing exhortation (…而努力奋斗！) at the end."""
    n = len(view)
    first = header.opening if header.opening is not None else 300
    for m in CONTINUED.finditer(view):  # a marker mid-text joins pages of one whole report
        if m.start() < first or m.end() > n - 300:
            return True
    if evidence(view, "news", 0, min(n, NEWS_HEAD)):
        return True
    if not evidence(view, "closing", tail_start(n), from_end=True):
        return True
    if header.opening is not None or header.session:
        return False
    start = header.title_start or 0
    for m in _LINE.finditer(view, start):
        line = m.group(0).strip()
        if m.start() == header.title_start or len(line) < 25:
            continue
        return not OPENING.match(line)
    return True


_LINE = re.compile(r"(?m)^[^\n]*$")


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    if m := DATE.search(title):
        return cn_int(m.group("y"))
    if m := re.search(rf"({YEAR})\s*年", title):
        y = cn_int(m.group(1))
        return y if y and 1949 <= y <= 2100 else None
    return None


def _named_review_year(view: str, start: int) -> int | None:
    if m := REVIEW_YEAR.search(view, start, min(len(view), start + BODY_HEAD)):
        return cn_int(m.group("y") or m.group("y2"))
    return None


def _review_period(view: str, header: Header, year: int | None, partial: bool, december: bool) -> str | None:
    """The year(s) reviewed: the year before (a December report: the year itself), or five years."""
    if year is None:
        return None
    start = header.opening or 0
    last = year if december else year - 1
    named = _named_review_year(view, start)
    hi = min(len(view), start + BODY_HEAD)
    if partial and named is None and not (
        REVIEW_WORDS.search(view, 0, hi)
        or re.search(rf"{last}\s*年[^。]{{0,20}}?(?:{RESULT_WORDS})", view[:hi])
        or re.search(rf"(?:^|[。\n])[ \t\u3000]*{last}\s*年[,，]", view[:hi])  # a paragraph on that year
    ):
        return None  # an excerpt of the targets or tasks only
    if named == last:  # 2020年及“十三五”工作回顾: the single year
        return str(last)
    if header.session_number is not None:
        five = header.session_number == 1
    else:
        five = bool(FIVE_YEARS.search(view, start, start + BODY_HEAD))
    return f"{last - 4}-{last}" if five else str(last)


def _year(header: Header, view: str, news: NewsDate | None, partial: bool) -> int | None:
    year = header.date_year or _title_year(header.title)
    if year is None and header.national_session and header.session_term:
        year = npc_year(header.session_term, header.session_number or 1)
    if year is None and news is not None:
        year = news.year or stamp_year(view, news.month, news.day)
    if year is None:
        start = header.opening or 0
        year, _rule = year_from_cues(view, start, min(len(view), start + BODY_HEAD), partial)
    return year


def extract_meta(doc: Document, view: str, options: Options = DEFAULT) -> DocMeta:
    gaz = load_gazetteer()
    header, news = parse_header(doc.text, view), None
    partial = is_partial(view, header)
    if partial:  # a story or digest: what it says of the session and speaker (a whole report recalls
        header, news = enrich(header, view)  # earlier sessions in its body: 四届人大第一次会议上)
    year = _year(header, view, news, partial)
    date = header.date
    if date is None and news is not None and year is not None:
        date = f"{news.year or year:04d}-{news.month:02d}-{news.day:02d}"
    month = int(date[5:7]) if date else None
    december = month == 12 and year is not None and date is not None and int(date[:4]) == year
    region: Region = resolve(gaz, header, view, year, partial)
    return DocMeta(
        id=doc.name,
        region=region.region,
        province=region.province,
        city=region.city,
        county=region.county,
        admin_code=region.admin_code,
        level=region.level,
        report_year=year,
        date=date,
        speaker=header.speaker,
        speaker_title=header.speaker_title,
        session=header.session,
        review_period=_review_period(view, header, year, partial, december),
        plan_year=year + 1 if year is not None and december else year,
        partial=partial,
        title=header.title,
        source=doc.source,
        source_format=doc.source_format,
        encoding=doc.encoding,
    )
