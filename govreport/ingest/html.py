"""HTML → text: trafilatura finds the main text; lxml gives every block's text as a fallback
and to put back the head lines (title, date-and-session line, speaker) that trafilatura
may leave out. Page furniture left over is removed by the line filters in ``clean_text``."""

from __future__ import annotations

import email
import email.policy
import html
import re

import lxml.html
import trafilatura
from lxml import etree

from govreport.errors import IngestError
from govreport.ingest.boilerplate import strip_boilerplate
from govreport.ingest.decode import charset_codec, declared_charset, decode

_BLOCK = {
    "p", "div", "li", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
    "header", "footer", "nav", "ul", "ol", "dl", "dd", "dt", "blockquote", "pre", "hr", "form", "center",
    "title", "main", "aside", "figure", "figcaption", "caption", "tbody", "thead",
}
_CELL = {"td", "th"}
_DROP = ("script", "style", "noscript", "template", "iframe", "svg", "object", "embed", "select", "button",
         "textarea", "input")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: separators between a page title and the site name: "2020年政府工作报告_政务公开_某市人民政府"
_TITLE_SEP = re.compile(r"\s*(?:[_|｜]|--|—{1,2}|\s-\s)\s*")


#: huge_tree: libxml2 otherwise stops at 256 levels of nesting and drops everything deeper
_PARSER = lxml.html.HTMLParser(huge_tree=True)


def _parse(markup: str) -> etree._Element | None:
    try:
        return lxml.html.document_fromstring(_XML_DECL.sub("", markup), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def block_lines(root: etree._Element) -> list[str]:
    """Every block element's text, one block per line (scripts, styles and form controls dropped)."""
    etree.strip_elements(root, *_DROP, with_tail=False)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in _BLOCK:
            el.tail = "\n" + (el.tail or "")
            el.text = "\n" + (el.text or "")
        elif tag in _CELL:
            el.tail = " " + (el.tail or "")
    body = root.find("body")
    text = (body if body is not None else root).text_content()
    return [x.strip() for x in text.splitlines() if x.strip()]


_HIDDEN = re.compile(r"<!--.*?-->|<(script|style|noscript|template|textarea|select)\b.*?</\1\s*>", re.I | re.S)
_BLOCK_TAG = re.compile(rf"</?(?:{'|'.join(sorted(_BLOCK | _CELL))})\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


def plain_lines(markup: str) -> list[str]:
    """The page's text without a parser: hidden parts dropped, block tags made line breaks, the other
    tags removed, entities decoded. The fallback when the parse loses text."""
    text = _TAG.sub("", _BLOCK_TAG.sub("\n", _HIDDEN.sub("", markup)))
    return [x.strip() for x in html.unescape(text).splitlines() if x.strip()]


def _title(root: etree._Element) -> str | None:
    for h in root.iter("h1", "h2"):
        text = " ".join(h.text_content().split())
        if "报告" in text:
            return text
    t = root.find(".//title")
    if t is not None and t.text:
        first = _TITLE_SEP.split(t.text.strip())[0].strip()
        if "报告" in first:
            return first
    return None


def html_to_text(markup: str) -> str:
    """The report text of a web page, one block per line (still to be cleaned)."""
    main = trafilatura.extract(
        markup, favor_recall=True, include_comments=False, include_tables=True, include_formatting=False,
        deduplicate=False,
    ) or ""
    root = _parse(markup)
    if root is None:
        return main or "\n".join(strip_boilerplate(plain_lines(markup)))
    title = _title(root)
    full = block_lines(root)
    plain = plain_lines(markup)
    if _cjk(full) < 0.5 * _cjk(plain):
        # the parser lost most of the page (nesting deeper than libxml2 follows, even with huge_tree)
        return "\n".join(strip_boilerplate(plain))
    main_lines = [x.strip() for x in main.splitlines() if x.strip()]
    kept = strip_boilerplate(full)
    if _cjk(main_lines) < 0.5 * _cjk(kept) or _paragraphs(main_lines) < 0.5 * _paragraphs(kept):
        # trafilatura missed the body or ran its lines together (table layouts, <br> inside a cell)
        return "\n".join(kept)
    head = _recover_head(full, main_lines, title)
    return "\n".join(head + main_lines)


def _cjk(lines: list[str]) -> int:
    return sum(len(_CJK.findall(x)) for x in lines)


def _paragraphs(lines: list[str]) -> int:
    """Lines that look like report paragraphs (ten or more Chinese characters)."""
    return sum(1 for x in lines if len(_CJK.findall(x)) >= 10)


def _recover_head(full: list[str], main_lines: list[str], title: str | None) -> list[str]:
    """The lines between the page title and where trafilatura's text starts (date line, speaker)."""
    first = main_lines[0] if main_lines else ""
    start = next((i for i, x in enumerate(full) if x == first), None)
    has_title = any("报告" in x for x in main_lines[:5])
    if start is None or title is None:
        return [title] if title and not has_title else []
    t_at = next((i for i in range(start - 1, -1, -1) if full[i] == title), None)
    if t_at is None:
        return [] if has_title else [title]
    return full[t_at:start] if not has_title or start - t_at <= 12 else []


def mht_page(data: bytes, source: str) -> tuple[str, str]:
    """The HTML page inside a web archive (.mht), decoded: ``(markup, encoding)``."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                declared = charset_codec(part.get_content_charset()) or declared_charset(payload)
                return decode(payload, source, declared)
    raise IngestError(source, "a web archive (.mht) with no HTML page in it")


#: a page's own address as it states it: 本文地址：http://… (the line itself is stripped as furniture)
_ADDRESS_LINE = re.compile(r"(?:本文|本页|原文|文章)(?:地址|网址|链接)\s*[:：]?\s*(https?://[^\s<>\"'，。]+)")
_CANONICAL = re.compile(
    r"<link\b[^>]*\brel=[\"']?canonical[\"']?[^>]*\bhref=[\"']?(https?://[^\"'\s>]+)"
    r"|<meta\b[^>]*\bproperty=[\"']?og:url[\"']?[^>]*\bcontent=[\"']?(https?://[^\"'\s>]+)", re.I)
_MIME = re.compile(rb"^\s*(?:[\w-]+:[^\n]*\n)*?\s*(?:MIME-Version|Content-Type:\s*multipart)", re.I)


def page_url(data: bytes) -> str | None:
    """The URL a saved page (.html, .mht) gives for itself: the web archive's Content-Location,
    else the page's 本文地址 line, else its canonical link; None when it says none."""
    if _MIME.match(data[:4096]):
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        for part in message.walk():
            if part.get_content_type() == "text/html" and str(part.get("Content-Location", "")).startswith("http"):
                return str(part["Content-Location"]).strip()
        for header in ("Snapshot-Content-Location", "Content-Location"):
            if str(message.get(header, "")).startswith("http"):
                return str(message[header]).strip()
        try:
            markup, _ = mht_page(data, "<mht>")
        except IngestError:
            return None
    else:
        try:
            markup = data.decode("utf-8")
        except UnicodeDecodeError:
            markup = data.decode("gb18030", errors="replace")
    text = html.unescape(_TAG.sub(" ", _HIDDEN.sub("", markup)))
    if m := _ADDRESS_LINE.search(text):
        return m.group(1)
    if m := _CANONICAL.search(markup):
        return m.group(1) or m.group(2)
    return None
