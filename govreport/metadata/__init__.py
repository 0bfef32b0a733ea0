"""Metadata: who reports (region, level, GB/T 2260 code, speaker), when (year, date, session,
periods) and whether the text is whole.

``extract_meta(doc, view, options)`` reads the title block at the head of the text (title,
"——date 在…会议上" line, speaker line), falls back to body cues for national texts without a
title block and for fragments, and resolves places with the gazetteer
(``lexicons/gazetteer.tsv``). National reports get region "全国", level "national" and
``admin_code`` null (GB/T 2260 has no code for the whole country). A site's publication
date ("发布时间: 2022-04-21") is never taken as the report date.
"""

from __future__ import annotations

import re

from govreport.ingest.document import Document
from govreport.metadata.cues import npc_year, year_from_cues
from govreport.metadata.gazetteer import Gazetteer, Place, load_gazetteer
from govreport.metadata.header import DATE, YEAR, Header, cn_int, parse_header
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
BODY_HEAD = 2000  # characters after the opening searched for year and review cues


def is_partial(view: str, header: Header) -> bool:
    """A fragment: a page marker (上接第二版, 下转第3版) or no opening where the body starts."""
    n = len(view)
    first = header.opening if header.opening is not None else 300
    for m in CONTINUED.finditer(view):  # a marker mid-text joins pages of one whole report
        if m.start() < first or m.end() > n - 300:
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


def _review_period(view: str, header: Header, year: int | None, partial: bool) -> str | None:
    if year is None or partial:
        return None
    if header.session_number is not None:
        five = header.session_number == 1
    else:
        start = header.opening or 0
        five = bool(FIVE_YEARS.search(view, start, start + BODY_HEAD))
    return f"{year - 5}-{year - 1}" if five else str(year - 1)


def extract_meta(doc: Document, view: str, options: Options = DEFAULT) -> DocMeta:
    gaz = load_gazetteer()
    header = parse_header(doc.text, view)
    partial = is_partial(view, header)
    year = header.date_year or _title_year(header.title)
    if year is None and header.national_session and header.session_term:
        year = npc_year(header.session_term, header.session_number or 1)
    if year is None:
        start = header.opening or 0
        year, _rule = year_from_cues(view, start, min(len(view), start + BODY_HEAD), partial)
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
        date=header.date,
        speaker=header.speaker,
        speaker_title=header.speaker_title,
        session=header.session,
        review_period=_review_period(view, header, year, partial),
        plan_year=year,
        partial=partial,
        title=header.title,
        source=doc.source,
        source_format=doc.source_format,
        encoding=doc.encoding,
    )
