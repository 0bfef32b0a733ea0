"""Upload: paste or upload a report, see it extracted in the viewer. Nothing is stored.

Limits: the body is capped by ``BodyLimit`` (app.py) and the file by ``app.state.max_upload``;
the type is checked by file ending *and* by content (a .pdf must start ``%PDF-``, a .docx is a
zip, text must not hold NUL bytes or a known binary signature).
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from govreport.errors import GovReportError
from govreport.options import Options
from govreport.pipeline import extract

TEXT_SUFFIXES = {".txt", ".text", ".md", ".htm", ".html"}
BINARY_SUFFIXES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04"}
#: signatures of files that are never a report, even when named .txt
_BINARY_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"%PDF-", b"\x7fELF", b"MZ",
                 b"\x1f\x8b", b"BZh", b"7z\xbc\xaf", b"Rar!")


def check_type(name: str, data: bytes) -> str:
    """The file's format (``text``, ``pdf``, ``docx``) or HTTP 415 naming the problem."""
    suffix = PurePath(name).suffix.lower()
    if suffix in BINARY_SUFFIXES:
        if not data.startswith(BINARY_SUFFIXES[suffix]):
            raise HTTPException(415, f"{name}: the content is not a {suffix[1:].upper()} file")
        return suffix[1:]
    if suffix not in TEXT_SUFFIXES and suffix != "":
        allowed = ", ".join(sorted(TEXT_SUFFIXES | set(BINARY_SUFFIXES)))
        raise HTTPException(415, f"{name}: unsupported file type {suffix!r} (allowed: {allowed})")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:65536]:
        raise HTTPException(415, f"{name}: the content is binary, not text")
    return "text"


_SAFE_ID = re.compile(r"[^\w.-]+")


def _doc_id(name: str) -> str:
    stem = PurePath(name).stem or "upload"
    return _SAFE_ID.sub("_", stem)[:80] or "upload"


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, f"{file.filename or 'upload'}: over the upload limit of {limit} bytes")
    return data


async def _extract_from(request: Request) -> dict[str, Any]:
    limit: int = request.app.state.max_upload
    form = await request.form(max_files=1, max_fields=8, max_part_size=3 * limit + 1024)
    try:
        upload = form.get("file")
        text = form.get("text")
        if isinstance(upload, UploadFile) and upload.filename:
            name = upload.filename
            data = await _read_limited(upload, limit)
            if not data.strip():
                raise HTTPException(400, f"{name}: the file is empty")
        elif isinstance(text, str) and text.strip():
            name = "pasted.txt"
            data = text.encode("utf-8")
            if len(data) > limit:
                raise HTTPException(413, f"pasted text over the upload limit of {limit} bytes")
        else:
            raise HTTPException(400, "choose a file or paste the text of a report")
    finally:
        await form.close()
    check_type(name, data)
    try:
        report = await run_in_threadpool(extract, data, Options(doc_id=_doc_id(name), max_bytes=limit))
    except GovReportError as exc:
        raise HTTPException(422, f"could not extract the report: {exc}") from exc
    out = report.to_dict()
    out["doc"]["source"] = name
    names = _indicator_names()
    for fact in out["facts"]:
        fact["indicator_name"] = names.get(fact["indicator"]) if fact["indicator"] else None
    return out


def _indicator_names() -> dict[str, str]:
    """Indicator id → Chinese name from the canonical table (the store's loader of the lexicon)."""
    try:
        from govreport.store.db import load_indicator_table

        return {str(r["id"]): str(r["name"]) for r in load_indicator_table()}
    except (ImportError, GovReportError, OSError, KeyError):
        return {}


async def upload_form(request: Request) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, "upload.html", {"max_upload": request.app.state.max_upload})


async def upload_html(request: Request) -> Response:
    from govreport.web.pages import viewer_context

    report = await _extract_from(request)
    context = {"report": report, "uploaded": True, **viewer_context(report)}
    return request.app.state.templates.TemplateResponse(request, "report.html", context)


async def upload_json(request: Request) -> Response:
    from govreport.web.app import UnicodeJSON

    return UnicodeJSON({"report": await _extract_from(request)})


async def upload_info(request: Request) -> Response:
    from govreport.web.app import UnicodeJSON

    return UnicodeJSON({"max_upload": request.app.state.max_upload,
                        "types": sorted(TEXT_SUFFIXES | set(BINARY_SUFFIXES)),
                        "post": "multipart/form-data with a 'file' or a 'text' field"})


def routes() -> list[Route]:
    return [
        Route("/upload.json", upload_info, methods=["GET"], name="upload_info"),
        Route("/upload.json", upload_json, methods=["POST"], name="upload_json"),
        Route("/upload", upload_form, methods=["GET"], name="upload"),
        Route("/upload", upload_html, methods=["POST"], name="upload_post"),
    ]
