"""Readers: path / bytes / str → Document. The format comes from the content, not the name."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from govreport.errors import IngestError
from govreport.ingest.decode import check_report_text, declared_charset, decode_text, sniff_format
from govreport.ingest.document import Document
from govreport.ingest.normalize import clean_and_repair
from govreport.options import DEFAULT, Options

_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html[\s>])|<body[\s>]", re.I)
#: a line this long is not a paragraph (the longest in the corpus is under 4,000 characters) but a
#: text saved without line breaks: it is broken after each sentence, else the extractors, which work
#: paragraph by paragraph, take time quadratic in its length
MAX_LINE = 10_000
_SENTENCE_END = re.compile(r"(?<=[。！？!?])(?![”’」』）)])")


def split_overlong_lines(raw: str) -> str:
    """Break every line over ``MAX_LINE`` characters after its sentences' ends."""
    if len(raw) <= MAX_LINE:
        return raw
    lines = raw.split("\n")
    if max(map(len, lines)) <= MAX_LINE:
        return raw
    return "\n".join(_SENTENCE_END.sub("\n", x) if len(x) > MAX_LINE else x for x in lines)


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
        decoded = decode_text(data, src, declared_charset(data) if fmt == "html" else None)
        raw, encoding, warnings = decoded.text, decoded.encoding, decoded.warnings
        if bad := raw.count("\ufffd"):
            warnings = (*warnings, f"{bad} undecodable byte sequence(s) replaced by U+FFFD")
        if fmt == "txt" and "<" in raw[:4096] and _LOOKS_HTML.search(raw[:4096]):
            fmt = "html"
        if fmt == "html":
            from govreport.ingest.html import html_to_text

            raw = html_to_text(raw)
    text, repairs = clean_and_repair(split_overlong_lines(raw))
    check_report_text(text, src)
    return Document(text=text, name=options.doc_id or name, source=src, source_format=fmt,
                    encoding=encoding, warnings=warnings + repairs)


def read_text(text: str, options: Options = DEFAULT) -> Document:
    """A string given as text (never refused: a caller may pass a snippet; odd input gets a warning)."""
    fmt = "txt"
    if "<" in text[:4096] and _LOOKS_HTML.search(text[:4096]):  # (every form of it starts with "<")
        from govreport.ingest.html import html_to_text

        text, fmt = html_to_text(text), "html"
    cleaned, repairs = clean_and_repair(split_overlong_lines(text))
    warnings: tuple[str, ...] = ()
    try:
        check_report_text(cleaned, "<text>", min_cjk=1)
    except IngestError as exc:
        warnings = (exc.problem,)
    return Document(text=cleaned, name=options.doc_id or "text", source="<text>", source_format=fmt,
                    warnings=warnings + repairs)


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO), not a regular file"),
    (stat.S_ISCHR, "a character device, not a regular file"),
    (stat.S_ISBLK, "a block device, not a regular file"),
    (stat.S_ISSOCK, "a socket, not a regular file"),
)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    if stat.S_ISREG(mode):
        return None
    return next((problem for test, problem in _KINDS if test(mode)), "not a regular file")


def check_file(path: Path, options: Options = DEFAULT) -> os.stat_result:
    """The file's status if it is a regular file within the size limit, else ``IngestError``.

    Nothing is opened: a named pipe or a device (``/dev/zero``) is refused before any read."""
    src = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError as exc:
        if os.path.islink(path):
            raise IngestError(src, f"a broken symbolic link (to {os.readlink(path)})") from exc
        raise IngestError(src, "no such file") from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(src, "a symbolic link loop") from exc
        if exc.errno == errno.ENOTDIR:
            raise IngestError(src, "no such file (a part of the path is a file, not a folder)") from exc
        if exc.errno == errno.ENAMETOOLONG:
            raise IngestError(src, "the file name is too long") from exc
        raise IngestError(src, f"cannot read the file ({(exc.strerror or str(exc)).lower()})") from exc
    except ValueError as exc:  # a NUL in the name
        raise IngestError(src, "not a valid file name") from exc
    if problem := _not_regular(st.st_mode):
        raise IngestError(src, problem)
    if st.st_size > options.max_bytes:
        raise _too_large(src, st.st_size, options)
    return st


def read_path(path: Path, options: Options = DEFAULT) -> Document:
    """Read a file: its type and size are checked first, and at most ``max_bytes + 1`` bytes are read."""
    src = str(path)
    check_file(path, options)
    try:
        # O_NONBLOCK: should the name have become a pipe since the check, opening it does not hang
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as fh:
            if problem := _not_regular(os.fstat(fh.fileno()).st_mode):
                raise IngestError(src, problem)
            data = fh.read(options.max_bytes + 1)
    except OSError as exc:
        raise IngestError(src, f"cannot read the file ({(exc.strerror or str(exc)).lower()})") from exc
    if len(data) > options.max_bytes:
        raise IngestError(src, f"the file is too large (over the limit of {options.max_bytes:,} bytes)")
    return read_bytes(data, options.doc_id or path.stem, options, source=src)


def read_source(source: str | Path | bytes, options: Options = DEFAULT) -> Document:
    """Bytes, a path, or a string (a path if it names an existing file, else the text itself)."""
    if isinstance(source, bytes | bytearray):
        return read_bytes(bytes(source), options.doc_id or "<bytes>", options)
    if isinstance(source, Path):
        return read_path(source, options)
    if not options.text_only and "\n" not in source and len(source) < 4096:
        if _is_file(source):
            return read_path(Path(source), options)
        if _is_dir(source):
            raise IngestError(source, "a folder, not a file")
    return read_text(source, options)


def _is_file(name: str) -> bool:
    """The string names something on disk that is not a folder (a pipe or a broken link is refused
    as a file rather than read as text)."""
    try:
        return os.path.lexists(name) and not os.path.isdir(name)
    except (OSError, ValueError):  # names the OS refuses (too long, NUL)
        return False


def _is_dir(name: str) -> bool:
    try:
        return os.path.isdir(name)
    except (OSError, ValueError):
        return False
