"""Bad inputs through the CLI: each kind of file that is not a report gets exit code 2 and exactly
one stderr line naming the file and the problem (no traceback, nothing on stdout); the odd forms
of a real report (UTF-16/32 with or without a byte-order mark, GBK lines inside UTF-8, stray NULs,
deep nesting, one huge line) are read and give the facts of the plain text."""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import socket
import struct
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shared_paths import SHARED
from test_ingest_readers import (
    _encrypted_pdf,
    _good_pdf,
    docx_bytes,
    html_page,
    image_only_pdf,
    ole_doc,
    zip_with,
)

import govreport
from govreport.cli import cli
from govreport.ingest import clean_text
from govreport.options import DEFAULT

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="shared/seeds not found")
SEED = SHARED / "seeds" / "003_d19a3fbfac6a3ffe.txt"  # a county report, about 20,000 characters

Maker = Callable[[Path, pytest.MonkeyPatch], Path]


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["extract", *args])


def write(name: str, data: bytes | Callable[[], bytes]) -> Maker:
    def make(tmp: Path, _: pytest.MonkeyPatch) -> Path:
        path = tmp / name
        path.write_bytes(data() if callable(data) else data)
        return path

    return make


def existing(path: str) -> Maker:
    def make(tmp: Path, _: pytest.MonkeyPatch) -> Path:
        if not os.path.exists(path):
            pytest.skip(f"{path} not on this system")
        return Path(path)

    return make


def fifo(tmp: Path, _: pytest.MonkeyPatch) -> Path:
    os.mkfifo(tmp / "pipe.txt")
    return tmp / "pipe.txt"


def unix_socket(tmp: Path, _: pytest.MonkeyPatch) -> Path:
    path = tmp / "s.txt"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))  # the file stays after close
    sock.close()
    return path


def loop(tmp: Path, _: pytest.MonkeyPatch) -> Path:
    (tmp / "a.txt").symlink_to(tmp / "b.txt")
    (tmp / "b.txt").symlink_to(tmp / "a.txt")
    return tmp / "a.txt"


def dangling(tmp: Path, _: pytest.MonkeyPatch) -> Path:
    (tmp / "gone.txt").symlink_to(tmp / "nowhere.txt")
    return tmp / "gone.txt"


def through_a_file(tmp: Path, _: pytest.MonkeyPatch) -> Path:
    (tmp / "report.txt").write_text(seed_text(), encoding="utf-8")
    return tmp / "report.txt" / "inner.txt"


def unreadable(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp / "secret.txt"
    path.write_text(seed_text(), encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads a mode-000 file: make the open fail as it would for a user
        real_open = os.open

        def refuse(name: object, flags: int, *args: object, **kwargs: object) -> int:
            if os.fspath(name) == str(path):  # type: ignore[call-overload]
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(name, flags, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", refuse)  # the worker is forked: it inherits the patch
    return path


def too_large(tmp: Path, _: pytest.MonkeyPatch) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as fh:  # sparse: nothing is written
        fh.truncate(DEFAULT.max_bytes + 1)
    return path


def truncated_pdf() -> bytes:
    data = _good_pdf()
    return data[: len(data) // 2]


PDF_NO_PAGES = b"""%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj
trailer << /Root 1 0 R >>
%%EOF
"""


def docx_replacing(member: str, write_member: Callable[[zipfile.ZipFile], None]) -> bytes:
    """A real DOCX with one member written by ``write_member`` instead."""
    good = zipfile.ZipFile(io.BytesIO(docx_bytes(["政府工作报告", "各位代表："])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            if info.filename == member:
                write_member(z)
            else:
                z.writestr(info, good.read(info))
    return buf.getvalue()


def broken_xml_docx() -> bytes:
    return docx_replacing("word/document.xml", lambda z: z.writestr(
        "word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>政府'))


def bomb_docx() -> bytes:
    def huge(z: zipfile.ZipFile) -> None:
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(b'<?xml version="1.0"?>')
            block = b" " * (1 << 20)
            for _ in range(300):
                part.write(block)

    return docx_replacing("word/document.xml", huge)


def forged_size_docx() -> bytes:
    """A bomb that declares document.xml as 1,000 bytes (in the local header and the central directory)."""
    def big(z: zipfile.ZipFile) -> None:
        with z.open("word/document.xml", "w") as part:
            for _ in range(8):
                part.write(b" " * (1 << 20))

    data = bytearray(docx_replacing("word/document.xml", big))
    name, at = b"word/document.xml", 0
    while (at := data.find(name, at + 1)) != -1:
        if data[at - 30:at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", data, at - 30 + 22, 1000)
        elif data[at - 46:at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", data, at - 46 + 24, 1000)
    return bytes(data)


def mht_without_html() -> bytes:
    return (b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n"
            b"Content-Type: text/css\n\np{}\n--x\nContent-Type: image/png\n\nxx\n--x--\n")


JAPANESE = ("本日、政府は令和六年度の経済財政運営と改革の基本方針を閣議決定しました。物価上昇を上回る賃金上昇を"
            "実現し、地方の成長を後押しすることを目指します。") * 20
KOREAN = "정부는 오늘 올해 경제정책방향을 발표했다. 국내총생산 성장률은 2.2%로 전망되며 일자리 창출에 힘쓴다. " * 20
ENGLISH = "The government work report sets a growth target of around five percent for this year. " * 30
RUSSIAN = "Правительство представило доклад о работе и поставило цель роста около пяти процентов. " * 30

#: (id, how to make the file, the problem as a regular expression)
BAD: list[tuple[str, Maker, str]] = [
    ("empty", write("empty.txt", b""), "the file is empty"),
    ("whitespace", write("blank.txt", b" \r\n\t \n  \n"), "the file has only white space"),
    ("ideographic-spaces", write("blank2.txt", "\u3000\u3000\n\u3000".encode()), "the file has only white space"),
    ("random-high-bytes", write("noise.txt", lambda: bytes(b | 0x80 for b in os.urandom(6000))),
     re.escape("cannot decode the bytes as UTF-8, GB18030/GBK or Big5 text")),
    ("binary-with-nuls", write("data.bin.txt", bytes(range(256)) * 16),
     re.escape("a binary file, not text (it contains NUL bytes)")),
    ("control-characters", write("ctrl.txt", ("政府工作报告\x01\x02\x03\x04\x05" * 60).encode()),
     r"a binary file, not text \(\d+% control characters\)"),
    ("dev-zero", existing("/dev/zero"), re.escape("a character device, not a regular file")),
    ("dev-urandom", existing("/dev/urandom"), re.escape("a character device, not a regular file")),
    ("dev-null", existing("/dev/null"), re.escape("a character device, not a regular file")),
    ("fifo", fifo, re.escape("a named pipe (FIFO), not a regular file")),
    ("socket", unix_socket, "a socket, not a regular file"),
    ("path-through-a-file", through_a_file, re.escape("no such file (a part of the path is a file, not a folder)")),
    ("missing", lambda tmp, _: tmp / "none.txt", "no such file"),
    ("symlink-loop", loop, "a symbolic link loop"),
    ("dangling-symlink", dangling, r"a broken symbolic link \(to .*nowhere\.txt\)"),
    ("unreadable", unreadable, re.escape("cannot read the file (permission denied)")),
    ("too-large", too_large, re.escape(f"the file is too large ({DEFAULT.max_bytes + 1:,} bytes; "
                                       f"the limit is {DEFAULT.max_bytes:,})")),
    ("truncated-pdf", write("cut.pdf", truncated_pdf), "a damaged or truncated PDF"),
    ("encrypted-pdf", write("locked.pdf", _encrypted_pdf),
     re.escape("the PDF is encrypted (password protected); save an unlocked copy")),
    ("image-only-pdf", write("scan.pdf", image_only_pdf),
     re.escape("the PDF has no text layer (scanned images?); OCR it first")),
    ("pdf-no-pages", write("nopages.pdf", PDF_NO_PAGES), re.escape("the PDF has no pages (damaged or truncated?)")),
    ("docx-broken-xml", write("broken.docx", broken_xml_docx), re.escape("a damaged DOCX file (its XML is broken)")),
    ("docx-bomb", write("bomb.docx", bomb_docx), r"a DOCX that unpacks to [\d,]+ bytes \(a zip bomb\?\); refused"),
    ("docx-bomb-forged-sizes", write("forged.docx", forged_size_docx),
     re.escape("a damaged DOCX file (its zip cannot be unpacked)")),
    ("docx-truncated-zip", write("cut.docx", lambda: docx_bytes(["政府工作报告"])[:300]),
     re.escape("a damaged zip/DOCX file")),
    ("zip-not-docx", write("pack.zip", lambda: zip_with(["a.txt", "b/c.txt"])),
     re.escape("a zip archive, not a report (unpack it first)")),
    ("xlsx", write("book.xlsx", lambda: zip_with(["[Content_Types].xml", "xl/workbook.xml"])),
     "an Excel workbook, not a report"),
    ("ole-doc", write("old.doc", ole_doc), re.escape("old Word .doc not supported; save as .docx")),
    ("png", write("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4), re.escape("a PNG image, not text (OCR it first)")),
    ("gzip", write("r.txt.gz", b"\x1f\x8b\x08\x00" + bytes(200)), re.escape("a gzip archive, not a report (unpack it first)")),
    ("elf", write("prog", b"\x7fELF\x02\x01\x01" + bytes(500)), re.escape("a program (ELF), not a report")),
    ("rtf", write("r.rtf", b"{\\rtf1\\ansi " + "政府工作报告".encode() + b"}"),
     re.escape("RTF is not supported; save it as .docx or .txt")),
    ("utf8-bom-then-gbk", write("bom.txt", codecs.BOM_UTF8 + "政府工作报告".encode("gbk") * 50),
     r"bad utf-8 text after its byte-order mark \(.+\)"),
    ("html-only-scripts", write("s.html", b"<html><head><style>p{color:red}</style><script>var a = '\xe6\x94\xbf';"
                                          b"</script></head><body><script>go()</script><noscript></noscript></body></html>"),
     "no text left after removing page furniture"),
    ("mht-without-html", write("page.mht", mht_without_html), re.escape("a web archive (.mht) with no HTML page in it")),
    ("japanese", write("jp.txt", JAPANESE.encode()), r"not a Chinese report: Japanese text \(\d+ kana among \d+ letters\)"),
    ("korean", write("kr.txt", KOREAN.encode()), r"not a Chinese report: Korean text \(\d+ Hangul among \d+ letters\)"),
    ("english", write("en.txt", ENGLISH.encode()), re.escape("not a report: almost no Chinese text (0 Chinese characters)")),
    ("russian", write("ru.txt", RUSSIAN.encode()), re.escape("not a report: almost no Chinese text (0 Chinese characters)")),
    ("russian-cp1251", write("ru1251.txt", RUSSIAN.encode("cp1251")),
     re.escape("cannot decode the bytes as UTF-8, GB18030/GBK or Big5 text")),
    ("only-numbers", write("n.txt", b"2021 2022 3.5 4.2%\n" * 200),
     re.escape("not a report: almost no Chinese text (0 Chinese characters)")),
    ("ten-characters", write("short.txt", "政府工作报告全文完毕".encode()), re.escape("too short to be a report (10 Chinese characters)")),
    ("nul-heavy-text", write("nul.txt", ("政府工作报告\x00" * 400).encode()),
     re.escape("a binary file, not text (it contains NUL bytes)")),
]


@pytest.mark.parametrize(("kind", "make", "problem"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_exit_2_and_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, make: Maker,
                                       problem: str) -> None:
    path = make(tmp_path, monkeypatch)
    result = run(str(path), "--timeout", "30")
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert re.fullmatch(f"govreport: {re.escape(str(path))}: {problem}", lines[0]), lines[0]
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- odd forms of a real report


def fact_keys(facts: list[dict]) -> Counter:
    return Counter((f["indicator"], f["measure"], f["value"], f["unit"], f["bound"], f["kind"]) for f in facts)


@pytest.fixture(scope="module")
def plain() -> dict:
    return json.loads(govreport.extract(SEED).to_json())


def mixed_gbk_lines() -> bytes:
    lines = seed_text().splitlines(keepends=True)
    return b"".join(x.encode("gbk") if i % 4 == 1 else x.encode("utf-8") for i, x in enumerate(lines))


def deep_html(depth: int) -> Callable[[], bytes]:
    def make() -> bytes:
        lines = [x.strip() for x in seed_text().splitlines() if x.strip()]
        body = "".join(f"<p>{x}</p>" for x in lines)
        return f"<html><body>{'<div>' * depth}{body}{'</div>' * depth}</body></html>".encode()

    return make


def with_lone_surrogate() -> bytes:
    text = seed_text()
    at = text.index("。", 2000) + 1  # between two sentences
    return (text[:at] + "\ud800" + text[at:]).encode("utf-8", "surrogatepass")


def with_stray_nuls() -> bytes:
    text = seed_text()
    return b"\x00".join(text[i:i + 4000].encode() for i in range(0, len(text), 4000))


#: (id, file, encoding reported, a warning expected (regex) or None, same facts as the plain text)
GOOD: list[tuple[str, Callable[[], bytes], str | None, str | None]] = [
    ("utf16-le-bom", lambda: codecs.BOM_UTF16_LE + seed_text().encode("utf-16-le"), "utf-16", None),
    ("utf16-be-bom", lambda: codecs.BOM_UTF16_BE + seed_text().encode("utf-16-be"), "utf-16", None),
    ("utf16-le", lambda: seed_text().encode("utf-16-le"), "utf-16", None),
    ("utf16-be", lambda: seed_text().encode("utf-16-be"), "utf-16", None),
    ("utf32-le-bom", lambda: codecs.BOM_UTF32_LE + seed_text().encode("utf-32-le"), "utf-32", None),
    ("utf32-be", lambda: seed_text().encode("utf-32-be"), "utf-32", None),
    ("utf32-le", lambda: seed_text().encode("utf-32-le"), "utf-32", None),
    ("gbk-lines-in-utf8", mixed_gbk_lines, "utf-8", r"\d+ line\(s\) in GB18030 inside UTF-8 text, decoded line by line"),
    ("lone-surrogate", with_lone_surrogate, "utf-8", r"3 undecodable byte sequence\(s\) replaced by U\+FFFD"),
    ("stray-nuls", with_stray_nuls, "utf-8", r"\d NUL byte\(s\) removed"),
    ("html-nested-400-deep", deep_html(400), "utf-8", None),  # libxml2 stops at 256 without huge_tree
    ("html-nested-5000-deep", deep_html(5000), "utf-8", None),  # and at 2048 with it: text without a parser
    ("one-huge-line", lambda: seed_text().replace("\n", "").encode(), "utf-8", None),  # 20,000 characters
]


@pytest.mark.parametrize(("kind", "make", "encoding", "warning"), GOOD, ids=[g[0] for g in GOOD])
def test_odd_forms_of_a_report_are_read(tmp_path: Path, plain: dict, kind: str, make: Callable[[], bytes],
                                        encoding: str | None, warning: str | None) -> None:
    path = tmp_path / ("page.html" if "html" in kind else "report.txt")
    path.write_bytes(make())
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    got = json.loads(result.stdout)
    assert got["doc"]["encoding"] == encoding
    decoding = [w for w in got["warnings"] if not w.startswith("repair:")]  # the text's own repairs are the plain's
    assert any(re.fullmatch(warning, w) for w in decoding) if warning else decoding == []
    if kind == "one-huge-line":  # the headings are no longer lines (kinds may change), the quantities stay
        assert len(got["text"].split("\n")) > 100

        def quantities(facts: list[dict]) -> Counter:
            return Counter((f["indicator"], f["measure"], f["value"], f["unit"]) for f in facts)

        assert quantities(got["facts"]) == quantities(plain["facts"])
        return
    if kind == "lone-surrogate":
        assert got["text"].replace("\ufffd" * 3, "") == plain["text"]
    else:
        assert got["text"] == plain["text"] == clean_text(seed_text())
    assert fact_keys(got["facts"]) == fact_keys(plain["facts"])


def test_html_page_in_utf16_is_read(tmp_path: Path, plain: dict) -> None:
    lines = [x.strip() for x in seed_text().splitlines() if x.strip()]
    path = tmp_path / "page.htm"
    path.write_bytes(codecs.BOM_UTF16_LE + html_page(lines, "政府工作报告", "utf-16").encode("utf-16-le"))
    result = run(str(path))
    assert result.exit_code == 0, result.stderr
    assert fact_keys(json.loads(result.stdout)["facts"]) == fact_keys(plain["facts"])


def test_a_folder_named_as_a_string_is_not_read_as_text(tmp_path: Path) -> None:
    from govreport.errors import IngestError
    from govreport.ingest import read_source

    with pytest.raises(IngestError) as info:
        read_source(str(tmp_path))
    assert str(info.value) == f"{tmp_path}: a folder, not a file"
    os.mkfifo(tmp_path / "p.txt")
    with pytest.raises(IngestError, match="a named pipe"):  # a name on disk is a file, not text
        read_source(str(tmp_path / "p.txt"))


@pytest.mark.parametrize("command", ["tasks", "slogans"])
def test_other_commands_refuse_a_pipe_without_hanging(tmp_path: Path, command: str) -> None:
    os.mkfifo(tmp_path / "p.txt")
    result = CliRunner().invoke(cli, [command, str(tmp_path / "p.txt")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"govreport: {tmp_path / 'p.txt'}: a named pipe (FIFO), not a regular file"]
