"""Readers: path / bytes / str → Document. The format comes from the content, not the name."""

from __future__ import annotations

import re
from pathlib import Path

from govreport.errors import IngestError
from govreport.ingest.decode import check_report_text, declared_charset, decode, sniff_format
from govreport.ingest.document import Document
from govreport.ingest.normalize import clean_and_repair
from govreport.options import DEFAULT, Options

_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])|<body[\s>]", re.I)


def _too_large(source: str, size: int, options: Options) -> IngestError:
    return IngestError(source, f"the file is too large ({size:,} bytes; the limit is {options.max_bytes:,})")


def read_bytes(data: bytes, name: str, options: Options = DEFAULT, source: str | None = None) -> Document:
    """Read one input's bytes: sniff the format, decode or extract, clean, check it is a report."""
    src = source or name
    if len(data) > options.max_bytes:
        raise _too_large(src, len(data), options)
    if not data:
        raise IngestError(src, "the file is empty")
    if not data.strip():
        raise IngestError(src, "the file has only white space")
    hint = Path(source).name if source else name
    fmt = sniff_format(data, hint, src)
    encoding: str | None = None
    warnings: tuple[str, ...] = ()
    if fmt == "pdf":
        from govreport.ingest.pdf import pdf_to_text  # pdfminer loads slowly; only when needed

        raw, warnings = pdf_to_text(data, src)
    elif fmt == "mht":
        from govreport.ingest.html import html_to_text, mht_page

        markup, encoding = mht_page(data, src)
        raw, fmt = html_to_text(markup), "html"
    elif fmt == "docx":
        from govreport.ingest.docx import docx_to_text

        raw = docx_to_text(data, src)
    else:
        raw, encoding = decode(data, src, declared_charset(data) if fmt == "html" else None)
        if bad := raw.count("\ufffd"):
            warnings = (f"{bad} undecodable byte sequence(s) replaced by U+FFFD",)
        if fmt == "txt" and _LOOKS_HTML.search(raw[:4096]):
            fmt = "html"
        if fmt == "html":
            from govreport.ingest.html import html_to_text

            raw = html_to_text(raw)
    text, repairs = clean_and_repair(raw)
    check_report_text(text, src)
    return Document(text=text, name=options.doc_id or name, source=src, source_format=fmt,
                    encoding=encoding, warnings=warnings + repairs)


def read_text(text: str, options: Options = DEFAULT) -> Document:
    """A string given as text (never refused: a caller may pass a snippet; odd input gets a warning)."""
    fmt = "txt"
    if _LOOKS_HTML.search(text[:4096]):
        from govreport.ingest.html import html_to_text

        text, fmt = html_to_text(text), "html"
    cleaned, repairs = clean_and_repair(text)
    warnings: tuple[str, ...] = ()
    try:
        check_report_text(cleaned, "<text>", min_cjk=1)
    except IngestError as exc:
        warnings = (exc.problem,)
    return Document(text=cleaned, name=options.doc_id or "text", source="<text>", source_format=fmt,
                    warnings=warnings + repairs)


def read_path(path: Path, options: Options = DEFAULT) -> Document:
    """Read a file; its size is checked before it is read."""
    src = str(path)
    try:
        if not path.exists():
            raise IngestError(src, "no such file")
        if path.is_dir():
            raise IngestError(src, "a folder, not a file")
        size = path.stat().st_size
        if size > options.max_bytes:
            raise _too_large(src, size, options)
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(src, f"cannot read the file ({exc.strerror or exc})") from exc
    return read_bytes(data, options.doc_id or path.stem, options, source=src)


def read_source(source: str | Path | bytes, options: Options = DEFAULT) -> Document:
    """Bytes, a path, or a string (a path if it names an existing file, else the text itself)."""
    if isinstance(source, bytes | bytearray):
        return read_bytes(bytes(source), options.doc_id or "<bytes>", options)
    if isinstance(source, Path):
        return read_path(source, options)
    if not options.text_only and "\n" not in source and len(source) < 4096 and _is_file(source):
        return read_path(Path(source), options)
    return read_text(source, options)


def _is_file(name: str) -> bool:
    try:
        return Path(name).is_file()
    except (OSError, ValueError):  # names the OS refuses (too long, NUL)
        return False
