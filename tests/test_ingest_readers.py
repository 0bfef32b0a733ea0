"""Readers on the real seeds turned into a web page, GBK, traditional characters, DOCX and PDF:
extract() must give the same facts and the same key paragraphs as on the plain text.
Then a table of bad inputs and the one-line message each gets, and the CLI on a mixed batch."""

from __future__ import annotations

import html
import io
import random
import zipfile
from collections import Counter
from pathlib import Path

import docx
import opencc
import pytest
from click.testing import CliRunner
from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas
from shared_paths import SHARED

import govreport
from govreport.cli import cli
from govreport.errors import IngestError
from govreport.ingest import clean_text, read_bytes, read_source
from govreport.model import Report
from govreport.options import Options

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="shared/seeds not found")

FONT = "STSong-Light"  # a CID font built into reportlab and every PDF reader: no font file needed
pdfmetrics.registerFont(UnicodeCIDFont(FONT))


# ---------------------------------------------------------------- builders


def source_lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def html_page(lines: list[str], title: str, charset: str = "utf-8") -> str:
    """A government site's page: menus, breadcrumbs, tools, share bar, comment box, related links, footer."""
    body = "\n".join(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(x)}</p>" for x in lines)
    menu = "".join(f'<li><a href="/{i}">{w}</a></li>' for i, w in enumerate(
        ["首页", "政务公开", "新闻中心", "办事服务", "互动交流", "走进本市"]))
    return f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}_政务公开_某市人民政府门户网站</title>
<script>var _hmt = _hmt || []; document.write("统计代码");</script><style>.nav li{{float:left}}</style>
</head><body>
<div class="top">欢迎访问某市人民政府门户网站 <a>无障碍</a> <a>长者模式</a></div>
<div class="nav"><ul>{menu}</ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/1">政务公开</a> &gt;&gt; 工作报告</div>
<div class="article">
<h1>{title}</h1>
<div class="info">来源：某市人民政府办公室&nbsp;&nbsp;发布时间：2022-04-21&nbsp;&nbsp;浏览次数：1234</div>
<div class="fontsize">【字号：<a>加大</a> <a>还原</a> <a>减小</a>】</div>
<div class="content" id="zoom">
{body}
</div>
<div class="tools"><a>下载</a> <a>打印</a> <a>全屏</a> <a>收藏</a></div>
<div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
<div class="url">本文地址：/baogao/huazhong/6515.html</div>
</div>
<div class="comments"><h3>留言与评论（共有 0 条评论）</h3>
<form action="/c"><textarea name="c"></textarea>验证码：<input name="code"><button>提交</button></form></div>
<div class="related"><h3>相关文章</h3><ul><li><a>2021年某市政府工作报告</a></li><li><a>2020年某区政府工作报告</a></li></ul></div>
<div class="footer"><p>主办：某市人民政府办公室&nbsp; 版权所有&nbsp;&nbsp;豫ICP备05001167号 网站标识码：4117210001</p>
<p>豫公安网备案41172102000126 政府网站联系电话：0396-6229869</p></div>
</body></html>"""


def docx_bytes(lines: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                t.cell(r, c).text = cell
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _wrap(text: str, first_indent: float, width: float, size: float) -> list[tuple[float, str]]:
    """Break a paragraph into lines that fit ``width`` (the first one indented), as a word processor does."""
    out: list[tuple[float, str]] = []
    indent, line = first_indent, ""
    for ch in text:
        if line and pdfmetrics.stringWidth(line + ch, FONT, size) > width - indent:
            out.append((indent, line))
            indent, line = 0.0, ""
        line += ch
    out.append((indent, line))
    return out


def pdf_bytes(lines: list[str], encrypt: object = None, size: float = 11) -> bytes:
    """A report as printed: 2-character first-line indent, wrapped lines, a running header and page numbers."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    width, height = A4
    left, right, top, bottom = 72, width - 72, height - 80, 80
    page, y = 1, top

    def furniture() -> None:
        c.setFont(FONT, 9)
        c.drawCentredString(width / 2, height - 50, "政府工作报告")
        c.drawCentredString(width / 2, 50, f"— {page} —")

    furniture()
    for para in lines:
        for indent, text in _wrap(para, 2 * size, right - left, size):
            if y < bottom:
                c.showPage()
                page, y = page + 1, top
                furniture()
            c.setFont(FONT, size)
            # STSong-Light's CMap has no U+00B7; its middle dot is drawn from U+30FB and reads back as U+00B7
            c.drawString(left + indent, y, text.replace("·", "・"))
            y -= size * 1.7
    c.showPage()
    c.save()
    return buf.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image, ImageDraw

    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((20, 20, 380, 180), outline=0, width=5)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.drawInlineImage(img, 72, 500, width=400, height=200)
    c.showPage()
    c.save()
    return buf.getvalue()


def ole_doc() -> bytes:
    """The head of an old Word .doc: OLE compound-file magic and a WordDocument stream name."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le") + b"\x00" * 512


def zip_with(names: list[str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n in names:
            z.writestr(n, "x")
    return buf.getvalue()


# ---------------------------------------------------------------- the five forms of each seed

FORMS = ["html", "gbk", "trad", "docx", "pdf"]


def write_form(seed: Path, form: str, folder: Path) -> Path:
    lines = source_lines(seed)
    text = "\n".join(lines)
    title = next((x for x in clean_text(text).splitlines()[:6] if "报告" in x), "政府工作报告")
    if form == "html":
        path, data = folder / f"{seed.stem}.html", html_page(lines, title, "gb2312").encode("gb18030")
    elif form == "gbk":
        path, data = folder / f"{seed.stem}.txt", text.encode("gb18030")  # GBK bytes (+ a PUA char in 004)
    elif form == "trad":
        path, data = folder / f"{seed.stem}.txt", opencc.OpenCC("s2t").convert(text).encode("utf-8")
    elif form == "docx":
        path, data = folder / f"{seed.stem}.docx", docx_bytes(lines)
    else:
        path, data = folder / f"{seed.stem}.pdf", pdf_bytes(clean_text(text).splitlines())
    path.write_bytes(data)
    return path


class Reports(dict):
    """Reports by (seed, form), built once per module; a failure shows in the cases that use it."""

    def __missing__(self, key: tuple[str, str]) -> Report:
        raise KeyError(key)

    def __getitem__(self, key: tuple[str, str]) -> Report:
        value = super().__getitem__(key)
        if isinstance(value, Exception):
            raise value
        return value


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Reports:
    out = Reports()
    for seed in SEEDS:
        for form in ("plain", *FORMS):
            try:
                source = seed if form == "plain" else write_form(seed, form, tmp_path_factory.mktemp(form))
                out[(seed.name, form)] = govreport.extract(source)
            except Exception as exc:  # re-raised by the tests that need this report
                out[(seed.name, form)] = exc
    return out


def fact_keys(report: Report) -> Counter:
    return Counter((f.indicator, str(f.measure), f.value, f.unit, str(f.bound), str(f.kind)) for f in report.facts)


def key_paragraphs(report: Report) -> list[str]:
    """The paragraphs holding a fact, in order."""
    paras, at = [], 0
    starts = []
    for line in report.text.split("\n"):
        starts.append((at, at + len(line), line))
        at += len(line) + 1
    for s, e, line in starts:
        if any(s <= f.span.start < e for f in report.facts) and line not in paras:
            paras.append(line)
    return paras


CASES = [(seed.name, form) for seed in SEEDS for form in FORMS]
FORMAT = {"html": "html", "gbk": "txt", "trad": "txt", "docx": "docx", "pdf": "pdf"}
ENCODING = {"html": "gb18030", "gbk": "gb18030", "trad": "utf-8", "docx": None, "pdf": None}


@pytest.mark.parametrize(("seed", "form"), CASES)
def test_same_facts_in_every_form(reports: Reports, seed: str, form: str) -> None:
    plain, other = reports[(seed, "plain")], reports[(seed, form)]
    assert other.doc.source_format == FORMAT[form]
    assert other.doc.encoding == ENCODING[form]
    assert fact_keys(other) == fact_keys(plain)


@pytest.mark.parametrize(("seed", "form"), CASES)
def test_same_key_paragraphs_in_every_form(reports: Reports, seed: str, form: str) -> None:
    plain, other = reports[(seed, "plain")], reports[(seed, form)]
    paras = key_paragraphs(plain)
    if form == "trad":
        s2t = opencc.OpenCC("s2t")
        paras = [s2t.convert(p) for p in paras]
    lines = other.text.split("\n")
    assert [p for p in paras if p not in lines] == []


@pytest.mark.parametrize(("seed", "form"), [(s.name, f) for s in SEEDS for f in ("html", "gbk", "docx", "pdf")])
def test_whole_text_survives(reports: Reports, seed: str, form: str) -> None:
    """Every paragraph of the plain text comes back; a page adds at most its title line."""
    plain, other = reports[(seed, "plain")].text.split("\n"), reports[(seed, form)].text.split("\n")
    assert [p for p in plain if p not in other] == []
    extra = [x for x in other if x not in plain]
    assert len(extra) <= (1 if form == "html" else 0), extra


def test_html_head_lines_kept(reports: Reports) -> None:
    """The title, the date-and-session line and the speaker line of a page are kept (seed 001)."""
    text = reports[("001_b22adb992074723f.txt", "html")].text.split("\n")
    assert text[0] == "(河南省)2020年平顶山市人民政府工作报告(全文)"
    assert "——2020年5月12日在平顶山市第十一届人民代表大会第三次会议上" in text[:5]
    assert "平顶山市人民政府市长 张雷明" in text[:6]


def html_layout(lines: list[str], layout: str) -> str:
    """Other ways sites lay a report out."""
    esc = [html.escape(x) for x in lines]
    nav = "<a>首页</a> | <a>政务公开</a> | <a>新闻中心</a> | <a>办事服务</a>"
    if layout == "table-br":  # an old table layout: the whole report in one cell, <br> between paragraphs
        return (f"<html><head><title>政府工作报告--某县人民政府</title></head><body><table><tr><td>{nav}</td></tr>"
                f"<tr><td>{'<br>'.join(esc)}</td></tr><tr><td>版权所有：某县人民政府 豫ICP备123号</td></tr>"
                "</table></body></html>")
    if layout == "br-br":  # text nodes in one div, blank lines between paragraphs
        return f"<html><body><div class=nav>{nav}</div><div id=zoom>{'<br><br>'.join(esc)}</div></body></html>"
    # "head-outside": title, date line and speaker above the article body, in their own blocks
    cut = next(i for i, x in enumerate(lines) if x.startswith("各位代表"))
    head = "".join(f"<p class=sub>{x}</p>" for x in esc[:cut])
    body = "".join(f"<p>{x}</p>" for x in esc[cut:])
    return (f"<html><head><title>政府工作报告_政务公开</title></head><body><div class=nav>{nav}</div>"
            f"<h1>政府工作报告</h1><div class=sub>{head}</div><div class=info>发布时间：2021-04-01 来源：县政府办</div>"
            f"<div id=zoom>{body}</div><div class=foot>版权所有 豫ICP备123号 网站标识码：4114210001</div></body></html>")


@pytest.mark.parametrize("layout", ["table-br", "br-br", "head-outside"])
@pytest.mark.parametrize("seed", ["001_b22adb992074723f.txt", "003_d19a3fbfac6a3ffe.txt"])
def test_html_layouts(reports: Reports, tmp_path: Path, seed: str, layout: str) -> None:
    plain = reports[(seed, "plain")]
    path = tmp_path / "page.html"
    path.write_text(html_layout(source_lines(SHARED / "seeds" / seed), layout), encoding="utf-8")
    page = govreport.extract(path)
    lines = page.text.split("\n")
    assert [p for p in plain.text.split("\n") if p not in lines] == []
    assert len(lines) <= len(plain.text.split("\n")) + 1
    assert fact_keys(page) == fact_keys(plain)


def test_docx_table_cells_are_read(tmp_path: Path) -> None:
    lines = ["政府工作报告", "各位代表：", "主要预期目标如下："]
    table = [["指标", "2021年目标"], ["地区生产总值增长", "6%以上"], ["城镇新增就业", "5.5万人"]]
    path = tmp_path / "t.docx"
    path.write_bytes(docx_bytes(lines, table))
    doc = read_source(path)
    assert doc.text.split("\n") == [*lines, "指标 2021年目标", "地区生产总值增长 6%以上", "城镇新增就业 5.5万人"]


def mht_bytes(page: str, charset: str = "gb2312") -> bytes:
    """A web archive as Word saves a "single file web page" (quoted-printable HTML), often named .doc."""
    from email.mime.multipart import MIMEMultipart
    from email.mime.text import MIMEText

    message = MIMEMultipart("related")
    part = MIMEText(page, "html", charset)
    message.attach(part)
    message.attach(MIMEText("img{}", "css", "us-ascii"))
    return message.as_bytes()


def test_web_archive_saved_as_doc(reports: Reports, tmp_path: Path) -> None:
    seed = SEEDS[2]
    path = tmp_path / "report.doc"
    path.write_bytes(mht_bytes(html_page(source_lines(seed), "政府工作报告", "gb2312")))
    page = govreport.extract(path)
    assert (page.doc.source_format, page.doc.encoding) == ("html", "gb18030")
    plain = reports[(seed.name, "plain")]
    assert [p for p in plain.text.split("\n") if p not in page.text.split("\n")] == []
    assert fact_keys(page) == fact_keys(plain)


def test_docx_content_controls_are_read(tmp_path: Path) -> None:
    """Paragraphs inside a content control (w:sdt) are read in their place."""
    from docx.oxml.ns import qn
    from lxml import etree

    document = docx.Document()
    for line in ["政府工作报告", "各位代表：", "全县生产总值增长5%，一般公共预算收入增长3%。"]:
        document.add_paragraph(line)
    inner = document.paragraphs[1]._p
    sdt = etree.SubElement(document.element.body, qn("w:sdt"))
    content = etree.SubElement(sdt, qn("w:sdtContent"))
    inner.addprevious(sdt)
    content.append(inner)
    buf = io.BytesIO()
    document.save(buf)
    (tmp_path / "c.docx").write_bytes(buf.getvalue())
    assert read_source(tmp_path / "c.docx").text == "政府工作报告\n各位代表：\n全县生产总值增长5%，一般公共预算收入增长3%。"


def test_format_is_decided_by_content_not_name(tmp_path: Path) -> None:
    seed = SEEDS[0]
    lines = source_lines(seed)
    for name, data, fmt in [
        ("a.txt", pdf_bytes(clean_text("\n".join(lines)).splitlines()[:20]), "pdf"),
        ("b.txt", docx_bytes(lines), "docx"),
        ("c.txt", html_page(lines, "政府工作报告").encode("utf-8"), "html"),
        ("d.html", "\n".join(lines).encode("utf-8"), "txt"),
    ]:
        (tmp_path / name).write_bytes(data)
        assert read_source(tmp_path / name).source_format == fmt, name


# ---------------------------------------------------------------- bad inputs


def _encrypted_pdf() -> bytes:
    return pdf_bytes(["政府工作报告", "各位代表："], encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="o"))


def _good_pdf() -> bytes:
    return pdf_bytes(clean_text(SEEDS[0].read_text(encoding="utf-8")).splitlines()[:30])


BAD = [
    ("empty.txt", lambda: b"", "the file is empty"),
    ("blank.txt", lambda: b" \r\n\t \n", "the file has only white space"),
    ("blank-cjk.txt", lambda: "\u3000\u3000\n\u3000".encode(), "the file has only white space"),
    ("scan.png", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "a PNG image, not text (OCR it first)"),
    ("photo.txt", lambda: b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "a JPEG image, not text (OCR it first)"),
    ("data.bin", lambda: bytes(range(256)) * 8, "a binary file, not text (it contains NUL bytes)"),
    ("noise.txt", lambda: bytes(b | 0x80 for b in random.Random(7).randbytes(4000)),
     "cannot decode the bytes as UTF-8, GB18030/GBK or Big5 text"),
    ("ctrl.txt", lambda: ("政府工作报告\x01\x02\x03\x04\x05" * 50).encode(),
     "a binary file, not text (45% control characters)"),
    ("cut.pdf", lambda: _good_pdf()[: len(_good_pdf()) // 2], "a damaged or truncated PDF"),
    ("locked.pdf", _encrypted_pdf, "the PDF is encrypted (password protected); save an unlocked copy"),
    ("scan.pdf", image_only_pdf, "the PDF has no text layer (scanned images?); OCR it first"),
    ("old.doc", ole_doc, "old Word .doc not supported; save as .docx"),
    ("old.txt", ole_doc, "old Word .doc not supported; save as .docx"),
    ("empty.mht", lambda: b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=x\n\n--x\n"
     b"Content-Type: text/css\n\np{}\n--x--\n", "a web archive (.mht) with no HTML page in it"),
    ("book.xlsx", lambda: zip_with(["[Content_Types].xml", "xl/workbook.xml"]), "an Excel workbook, not a report"),
    ("pack.zip", lambda: zip_with(["a.txt", "b.txt"]), "a zip archive, not a report (unpack it first)"),
    ("broken.docx", lambda: b"PK\x03\x04" + b"\x00" * 100, "a damaged zip/DOCX file"),
    ("english.txt", lambda: ("The government work report was delivered today. " * 40).encode(),
     "not a report: almost no Chinese text (0 Chinese characters)"),
    ("english.html", lambda: ("<html><body><h1>Report</h1>" + "<p>The report was delivered today.</p>" * 40
                              + "</body></html>").encode(),
     "not a report: almost no Chinese text (0 Chinese characters)"),
]


@pytest.mark.parametrize(("name", "make", "problem"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_gets_one_clear_message(tmp_path: Path, name: str, make, problem: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(IngestError) as info:
        read_source(path)
    assert info.value.problem == problem
    assert str(info.value) == f"{path}: {problem}"


def test_too_large_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(SEEDS[0].read_bytes())
    size = path.stat().st_size

    def no_read(self: Path) -> bytes:
        raise AssertionError("read a file over the limit")

    monkeypatch.setattr(Path, "read_bytes", no_read)
    with pytest.raises(IngestError) as info:
        read_source(path, Options(max_bytes=1000))
    assert info.value.problem == f"the file is too large ({size:,} bytes; the limit is 1,000)"
    with pytest.raises(IngestError, match="too large"):
        read_bytes(b"x" * 1001, "x", Options(max_bytes=1000))


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_source(tmp_path / "none.txt")
    with pytest.raises(IngestError, match="a folder, not a file"):
        read_source(tmp_path)


def test_text_argument_is_never_refused() -> None:
    """A string is text: a snippet or English gets a warning, not an error."""
    doc = read_source("全县生产总值增长5%。")
    assert doc.text == "全县生产总值增长5%。" and doc.warnings == ()
    doc = read_source("hello world")
    assert doc.warnings == ("not a report: almost no Chinese text (0 Chinese characters)",)


def test_cli_batch_reports_the_bad_file_and_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes(SEEDS[2].read_bytes())
    bad = tmp_path / "bad.bin"
    bad.write_bytes(bytes(range(256)) * 8)
    result = CliRunner().invoke(cli, ["extract", str(good), str(bad)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"govreport: {bad}: a binary file, not text (it contains NUL bytes)"]
    assert "Traceback" not in result.output
    import json

    assert json.loads(result.stdout)["doc"]["id"] == "good"
