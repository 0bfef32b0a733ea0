"""Bytes → str, and the checks that tell a report from something that is not one.

Order: byte-order mark; UTF-8 (strict); a charset the file declares (HTML ``<meta charset>``);
then GB18030 (a superset of GB2312/GBK) or Big5, told apart by the share of GB2312 characters
when both decode (charset-normalizer's guess was tried and read a Big5 seed as GB18030);
last, a text with a few bad bytes, decoded with U+FFFD in their place.
Every failure is an ``IngestError`` naming the input and the problem in one line.
"""

from __future__ import annotations

import codecs
import re
import zipfile
from dataclasses import dataclass, replace
from io import BytesIO

from govreport.errors import IngestError

#: the Chinese legacy encodings tried after UTF-8, as (codec, name reported in Document.encoding)
_LEGACY = (("gb18030", "gb18030"), ("big5hkscs", "big5"))

#: charsets a page may declare, mapped to the codec that decodes them (supersets where they exist)
_DECLARED = {
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs",
    "utf-8": "utf-8", "utf8": "utf-8",
}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

#: magic bytes of things that are not reports, with the problem each gets
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not text (OCR it first)"),
    (b"\xff\xd8\xff", "a JPEG image, not text (OCR it first)"),
    (b"GIF87a", "a GIF image, not text"),
    (b"GIF89a", "a GIF image, not text"),
    (b"II*\x00", "a TIFF image, not text (OCR it first)"),
    (b"MM\x00*", "a TIFF image, not text (OCR it first)"),
    (b"\x1f\x8b", "a gzip archive, not a report (unpack it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive, not a report (unpack it first)"),
    (b"Rar!\x1a\x07", "a RAR archive, not a report (unpack it first)"),
    (b"\x7fELF", "a program (ELF), not a report"),
    (b"MZ", "a program (Windows executable), not a report"),
    (b"{\\rtf", "RTF is not supported; save it as .docx or .txt"),
)

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: a web archive (.mht/.mhtml, also Word's "single file web page" often saved as .doc): MIME headers
_MHT = re.compile(rb"(?:MIME-Version|From|Subject|Date|Content-Type|Content-Location)\s*:", re.I)
_HTML_HEAD = re.compile(rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)""", re.I)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")  # runs: fast to count
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")


def sniff_format(data: bytes, name: str, source: str) -> str:
    """``pdf``, ``docx``, ``mht``, ``html`` or ``txt`` from the content (magic bytes), the name as a hint.

    Raises ``IngestError`` for formats that are known but not reports (images, archives, .doc).
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if _MHT.match(head.lstrip()) and b"multipart/related" in head.lower():
        return "mht"
    if head.startswith(_OLE):
        if "WordDocument".encode("utf-16-le") in data[:1 << 20] or name.lower().endswith((".doc", ".wps")):
            raise IngestError(source, "old Word .doc not supported; save as .docx")
        raise IngestError(source, "an old Office (OLE) file, not supported; save it as .docx or .txt")
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data, source)
    for magic, problem in _MAGIC:
        if head.startswith(magic):
            raise IngestError(source, problem)
    if _HTML_HEAD.search(head.lstrip()[:1024]) or (
        name.lower().endswith((".htm", ".html", ".xhtml", ".shtml")) and b"<" in head
    ):
        return "html"
    return "txt"


def _zip_kind(data: bytes, source: str) -> str:
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(source, "a damaged zip/DOCX file") from exc
    if "word/document.xml" in names:
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise IngestError(source, "an Excel workbook, not a report")
    if any(n.startswith("ppt/") for n in names):
        raise IngestError(source, "a PowerPoint file, not a report")
    raise IngestError(source, "a zip archive, not a report (unpack it first)")


def declared_charset(data: bytes) -> str | None:
    """The codec for the charset an HTML page declares in its head, if any."""
    m = _META_CHARSET.search(data[:4096])
    return charset_codec(m.group(1).decode("ascii")) if m else None


def charset_codec(name: str | None) -> str | None:
    """The codec for a declared charset name (GB2312/GBK → GB18030, Big5 → Big5-HKSCS), if known."""
    return _DECLARED.get(name.strip().lower()) if name else None


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: tuple[str, ...] = ()


def decode(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text; returns ``(text, encoding)``. Raises ``IngestError``."""
    out = decode_text(data, source, declared)
    return out.text, out.encoding


def decode_text(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` to text, with warnings for what had to be repaired. Raises ``IngestError``."""
    if not data:
        raise IngestError(source, "the file is empty")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(_checked(data[len(bom):].decode(codec), source), label)
            except UnicodeDecodeError as exc:
                raise IngestError(source, f"bad {label} text after its byte-order mark ({exc.reason})") from exc
    if b"\x00" in data:
        return _with_nul(data, source, declared)
    try:
        return Decoded(_checked(data.decode("utf-8"), source, utf8=data), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return Decoded(_checked(data.decode(declared), source), dict(_LEGACY).get(declared, declared))
        except UnicodeDecodeError:
            pass
    if (mixed := _by_line(data, source)) is not None:
        return mixed
    if (wide := _utf16_without_nul(data)) is not None:
        return Decoded(_checked(wide, source), "utf-16")
    decoded: dict[str, str] = {}
    for codec, label in _LEGACY:
        try:
            decoded[label] = data.decode(codec)
        except UnicodeDecodeError:
            continue
    if len(decoded) > 1:
        # Both decode (Big5 bytes are mostly valid GBK): GB text keeps to GB2312's characters;
        # Big5 read as GB18030 gives ~50% characters outside it (trail bytes 0x40–0x7E).
        label = "gb18030" if _gb2312_share(decoded["gb18030"]) >= 0.9 else "big5"
        return Decoded(_checked(decoded[label], source), label)
    if decoded:
        label, text = next(iter(decoded.items()))
        return Decoded(_checked(text, source), label)
    return Decoded(*_nearly(data, source))


_ASCII = bytes(range(128))
#: Chinese characters and the CJK / full-width punctuation around them
_CJKISH = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]")


def _chinese_utf8(line: bytes) -> bool:
    """A line that is valid UTF-8 whose non-ASCII characters are mostly Chinese (not chance bytes)."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    wide = len(text) - len(text.encode("ascii", "ignore"))
    return len(_CJKISH.findall(text)) >= 0.8 * wide


def _legacy_line(line: bytes) -> tuple[str, str]:
    """One line that is not UTF-8: GB18030 when it reads as common Chinese; Big5 when that decodes
    and UTF-8 would lose more than a few bytes; else UTF-8 with U+FFFD for its bad bytes (a damaged
    line, a lone surrogate)."""
    try:
        text = line.decode("gb18030")
        if _gb2312_share(text) >= 0.9:
            return text, "gb18030"
    except UnicodeDecodeError:
        pass
    loose = line.decode("utf-8", "replace")
    try:
        text = line.decode("big5hkscs")
        if loose.count("\ufffd") > 3 and cjk_count(text) >= 0.5 * len(text.strip()):
            return text, "big5"
    except UnicodeDecodeError:
        pass
    return loose, "utf-8"


def _by_line(data: bytes, source: str) -> Decoded | None:
    """UTF-8 text with some lines in GBK/Big5 (pasted from another file) or a few bad bytes in a line:
    decoded line by line, when the lines that are Chinese UTF-8 hold a fifth or more of the non-ASCII
    bytes (a GBK file never comes close: its lead bytes 0xB0–0xBF cannot start a UTF-8 character)."""
    lines = data.splitlines(keepends=True)
    wide = [len(line.translate(None, _ASCII)) for line in lines]
    good = [w > 0 and _chinese_utf8(line) for line, w in zip(lines, wide, strict=True)]
    total = sum(wide)
    if not total or sum(w for w, g in zip(wide, good, strict=True) if g) < 0.2 * total:
        return None
    parts: list[str] = []
    legacy: dict[str, int] = {}
    for line, w, g in zip(lines, wide, good, strict=True):
        if not w or g:
            parts.append(line.decode("utf-8", "replace"))
            continue
        text, label = _legacy_line(line)
        parts.append(text)
        if label != "utf-8":
            legacy[label] = legacy.get(label, 0) + 1
    warnings = tuple(f"{n} line(s) in {label.upper()} inside UTF-8 text, decoded line by line"
                     for label, n in legacy.items())
    return Decoded(_checked("".join(parts), source), "utf-8", warnings)


def _utf16_without_nul(data: bytes) -> str | None:
    """UTF-16 with no byte-order mark and no ASCII (so no NUL bytes): Chinese only, told by the result
    being mostly Chinese characters (GBK or UTF-8 bytes read as UTF-16 give Hangul, Yi, surrogates)."""
    if len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        sample = "".join(text[:20000].split())
        if sample and cjk_count(sample) >= 0.6 * len(sample):
            return text
    return None


def _gb2312_share(text: str) -> float:
    cjk = "".join(_CJK.findall(text[:20000]))
    return len(cjk.encode("gb2312", "ignore")) / 2 / max(1, len(cjk))


def _nearly(data: bytes, source: str) -> tuple[str, str]:
    """A few bad bytes (a file cut mid-character, a damaged byte): decode with U+FFFD for them,
    by the codec that needs the fewest replacements, only if almost every byte decodes."""
    tries: dict[str, str] = {}
    for codec, label in (("utf-8", "utf-8"), *_LEGACY):
        tries[label] = data.decode(codec, errors="replace")
    bad = min(t.count("\ufffd") for t in tries.values())
    fewest = [label for label, t in tries.items() if t.count("\ufffd") == bad]
    if bad > max(3, len(data) // 20000):
        raise IngestError(source, "cannot decode the bytes as UTF-8, GB18030/GBK or Big5 text")
    label = fewest[0]
    if "gb18030" in fewest and "big5" in fewest:
        label = "gb18030" if _gb2312_share(tries["gb18030"]) >= 0.9 else "big5"
    return _checked(tries[label], source), label


def _wide_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the NUL bytes fall."""
    sample = data[:4000]
    if len(data) % 4 == 0 and len(sample) >= 8:
        for codec, high in (("utf-32-le", sample[3::4]), ("utf-32-be", sample[0::4])):
            if not high.strip(b"\x00"):
                try:
                    return data.decode(codec), "utf-32"
                except UnicodeDecodeError:
                    pass
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    codec = "utf-16-le" if odd > even else "utf-16-be"
    if max(even, odd) > 4 * min(even, odd) + 2 and len(data) % 2 == 0:
        try:
            return data.decode(codec), "utf-16"
        except UnicodeDecodeError:
            pass
    return None


def _with_nul(data: bytes, source: str, declared: str | None) -> Decoded:
    """NUL bytes: UTF-32/UTF-16 without a byte-order mark; a text with a few stray NULs (they are
    dropped, with a warning); else a binary file."""
    wide = _wide_without_bom(data)
    if wide is not None and not _CONTROL.search(wide[0][:4000]):
        return Decoded(_checked(wide[0], source), wide[1])
    nuls = data.count(0)
    if nuls <= max(1, len(data) // 100):
        try:
            out = decode_text(data.replace(b"\x00", b""), source, declared)
        except IngestError:
            pass  # the rest is not text either
        else:
            return replace(out, warnings=(*out.warnings, f"{nuls} NUL byte(s) removed"))
    raise IngestError(source, "a binary file, not text (it contains NUL bytes)")


#: the UTF-8 bytes of _CONTROL's characters: those below U+0080 are one byte each, U+FFFD is EF BF BD
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])


def _checked(text: str, source: str, utf8: bytes | None = None) -> str:
    """Refuse text whose share of control characters says it was binary. ``utf8``: the bytes ``text``
    was decoded from as UTF-8, where a control character is looked for faster."""
    if not text or text.isspace():
        raise IngestError(source, "the file has only white space")
    if utf8 is not None and len(utf8.translate(None, _CONTROL_BYTES)) == len(utf8) and b"\xef\xbf\xbd" not in utf8:
        return text  # no control character anywhere
    sample = text[:20000]
    if _CONTROL.search(sample) is None:
        return text
    bad = len(_CONTROL.findall(sample))
    if bad > 0.01 * len(sample):
        raise IngestError(source, f"a binary file, not text ({bad / len(sample):.0%} control characters)")
    return text


#: the high bytes of UTF-16 code units in _CJK's BMP ranges: U+3400–U+4CFF, U+4E00–U+9FFF, U+F900–U+FAFF
_CJK_HIGH = bytes([*range(0x34, 0x4D), *range(0x4E, 0xA0), 0xF9, 0xFA])
#: U+4D00–U+4DFF (CJK up to U+4DBF, then Yijing symbols) and surrogates (astral CJK): counted by the regex
_CJK_MIXED_HIGH = bytes([0x4D, *range(0xD8, 0xE0)])


def cjk_count(text: str) -> int:
    """How many characters of ``text`` are Chinese (``_CJK``): from the high bytes of its UTF-16 code
    units (a few C calls over bytes), by the regex only when a high byte alone cannot tell."""
    high = text.encode("utf-16-le", "surrogatepass")[1::2]
    if len(high.translate(None, _CJK_MIXED_HIGH)) != len(high):
        return sum(map(len, _CJK.findall(text)))
    return len(high) - len(high.translate(None, _CJK_HIGH))


def _letters(text: str) -> int:
    """How many characters of ``text`` are letters (``str.isalpha``); one C call when all are."""
    return len(text) if text.isalpha() else sum(map(str.isalpha, text))


#: runs of characters that may be letters: every ``str.isalpha`` character is a word character
#: (``\w``) that is neither a decimal digit nor ``_``; the few others it takes (①, ²) are told apart
#: by ``_letters`` on the runs, so the count is that of ``str.isalpha`` over the whole text
_MAYBE_LETTERS = re.compile(r"[^\W\d_]+")
_KANA_CHARS = r"\u3041-\u309f\u30a0-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d"
_HANGUL_CHARS = r"\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e"
#: kana (not the middle dot U+30FB and the long mark U+30FC, which Chinese text uses too) and Hangul
_KANA = re.compile(f"[{_KANA_CHARS}]")
_HANGUL = re.compile(f"[{_HANGUL_CHARS}]")
_KANA_OR_HANGUL = re.compile(f"[{_KANA_CHARS}{_HANGUL_CHARS}]")


def letter_count(text: str) -> int:
    """``sum(map(str.isalpha, text))``, in a few C calls: only runs of possible letters are looked at."""
    return _letters("".join(_MAYBE_LETTERS.findall(text)))


def check_report_text(text: str, source: str, min_cjk: int = 20) -> None:
    """Refuse cleaned text that is not a Chinese report: no text, unmapped PDF glyphs, too few Chinese
    characters, Japanese or Korean, or letters that are mostly not Chinese characters."""
    if not text.strip():
        raise IngestError(source, "no text left after removing page furniture")
    if text.count("(cid:") > 20:
        raise IngestError(source, "the PDF's fonts have no Unicode mapping; its text cannot be read")
    sample = text[:20000]
    cjk = cjk_count(sample)
    visible = len(sample) - sample.count(" ") - sample.count("\n")
    kana = hangul = 0
    if _KANA_OR_HANGUL.search(sample):
        kana, hangul = len(_KANA.findall(sample)), len(_HANGUL.findall(sample))
    # the letters are counted only when a test below needs them: with at most 2 kana and 2 Hangul
    # and Chinese characters making half the sample, no test can fail whatever their number
    letters = letter_count(sample) if max(kana, hangul) > 2 or 2 * cjk < len(sample) else len(sample)
    if kana > max(2, 0.05 * letters):
        raise IngestError(source, f"not a Chinese report: Japanese text ({kana} kana among {letters} letters)")
    if hangul > max(2, 0.05 * letters):
        raise IngestError(source, f"not a Chinese report: Korean text ({hangul} Hangul among {letters} letters)")
    if cjk < 0.15 * visible or (cjk < min_cjk and cjk < 0.5 * letters):
        raise IngestError(source, f"not a report: almost no Chinese text ({cjk} Chinese characters)")
    if cjk < 0.5 * letters:
        raise IngestError(source, f"not a report: mostly not Chinese ({cjk} Chinese characters among "
                                  f"{letters} letters)")
    if cjk < min_cjk:
        raise IngestError(source, f"too short to be a report ({cjk} Chinese characters)")
