"""Decoding: BOMs, UTF-8, UTF-16, GBK/GB18030 and Big5 (real seeds re-encoded), declared charsets."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import opencc
import pytest
from shared_paths import SHARED

from govreport.ingest import clean_text, read_bytes, read_source
from govreport.ingest.decode import declared_charset, decode, sniff_format

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="shared/seeds not found")

SNIPPET = "2021年，全县生产总值完成275.5亿元，同比增长4%。"
TRAD = "2021年，全縣生產總值完成275.5億元，同比增長4%。"


@pytest.mark.parametrize(
    ("data", "encoding", "text"),
    [
        (SNIPPET.encode("utf-8"), "utf-8", SNIPPET),
        (codecs.BOM_UTF8 + SNIPPET.encode("utf-8"), "utf-8", SNIPPET),
        (codecs.BOM_UTF16_LE + SNIPPET.encode("utf-16-le"), "utf-16", SNIPPET),
        (codecs.BOM_UTF16_BE + SNIPPET.encode("utf-16-be"), "utf-16", SNIPPET),
        (SNIPPET.encode("utf-16-le"), "utf-16", SNIPPET),  # no BOM: told by where the NULs are
        (SNIPPET.encode("gbk"), "gb18030", SNIPPET),
        (("各位代表：𠮷€" + SNIPPET).encode("gb18030"), "gb18030", "各位代表：𠮷€" + SNIPPET),
        (TRAD.encode("big5"), "big5", TRAD),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le-nobom", "gbk", "gb18030-4byte", "big5"],
)
def test_decode_table(data: bytes, encoding: str, text: str) -> None:
    assert decode(data, "x") == (text, encoding)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_as_gbk_reads_like_the_utf8_seed(path: Path) -> None:
    """GB18030-encoded: the same bytes as GBK for every character GBK has (seed 004 has a PUA one)."""
    raw = path.read_text(encoding="utf-8")
    doc = read_bytes(raw.encode("gb18030"), path.stem)
    assert doc.encoding == "gb18030"
    assert doc.text == read_source(path).text == clean_text(raw)


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_seed_as_big5_reads_back_exactly(path: Path) -> None:
    text = clean_text(re.sub("[\ue000-\uf8ff]", "", path.read_text(encoding="utf-8")))  # no PUA in Big5
    trad = opencc.OpenCC("s2tw").convert(text)
    doc = read_bytes(trad.encode("big5hkscs"), path.stem)
    assert doc.encoding == "big5"
    assert doc.text == trad


@pytest.mark.parametrize("chars", [40, 200])
def test_short_legacy_texts_are_told_apart(chars: int) -> None:
    """A short paragraph is enough to tell GBK from Big5."""
    text = clean_text((SHARED / "seeds" / "003_d19a3fbfac6a3ffe.txt").read_text(encoding="utf-8"))
    para = next(p for p in text.splitlines() if len(p) > chars and "%" in p)[:chars]
    trad = opencc.OpenCC("s2tw").convert(para)
    assert decode(para.encode("gbk"), "x") == (para, "gb18030")
    assert decode(trad.encode("big5hkscs"), "x") == (trad, "big5")


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "gb18030"),
        (b"<meta charset='GBK'>", "gb18030"),
        (b'<meta charset="big5">', "big5hkscs"),
        (b'<meta charset="utf-8">', "utf-8"),
        (b"<title>x</title>", None),
    ],
)
def test_declared_charset(head: bytes, codec: str | None) -> None:
    assert declared_charset(b"<html><head>" + head + b"</head>") == codec


@pytest.mark.parametrize(
    ("data", "encoding", "bad"),
    [
        ((SNIPPET * 40).encode("gbk")[:-1], "gb18030", 1),  # cut in the middle of a character
        ((SNIPPET * 40).encode("utf-8")[:-1], "utf-8", 1),
        ((TRAD * 40).encode("big5")[:-1], "big5", 1),
    ],
)
def test_a_few_bad_bytes_are_replaced(data: bytes, encoding: str, bad: int) -> None:
    text, enc = decode(data, "x")
    assert enc == encoding and text.count("\ufffd") == bad
    doc = read_bytes(data, "x", source="x.txt")
    assert doc.warnings == (f"{bad} undecodable byte sequence(s) replaced by U+FFFD",)


def test_declared_charset_decides_an_html_page() -> None:
    page = f"<html><head><meta charset='gb2312'></head><body><p>{SNIPPET}</p></body></html>"
    data = page.encode("gbk")
    assert sniff_format(data, "a.htm", "a.htm") == "html"
    assert decode(data, "a.htm", declared_charset(data)) == (page, "gb18030")
