"""Readers: path / bytes / str → Document. (Minimal: UTF-8 text; see issue 3.)"""

from __future__ import annotations

from pathlib import Path

from govreport.errors import IngestError
from govreport.ingest.document import Document
from govreport.ingest.normalize import clean_text
from govreport.options import DEFAULT, Options


def read_bytes(data: bytes, name: str, options: Options = DEFAULT, source: str | None = None) -> Document:
    if not data.strip():
        raise IngestError(source or name, "the file is empty")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(source or name, f"cannot decode as UTF-8 ({exc.reason})") from exc
    return Document(text=clean_text(raw), name=options.doc_id or name, source=source or name)


def read_source(source: str | Path | bytes, options: Options = DEFAULT) -> Document:
    if isinstance(source, bytes):
        return read_bytes(source, options.doc_id or "<bytes>", options)
    if isinstance(source, Path) or (not options.text_only and "\n" not in source and len(source) < 4096
                                    and Path(source).is_file()):
        path = Path(source)
        return read_bytes(path.read_bytes(), options.doc_id or path.stem, options, source=str(path))
    return Document(text=clean_text(source), name=options.doc_id or "text", source="<text>")
