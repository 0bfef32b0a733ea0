"""Upload: paste or upload a report, see it extracted in the viewer. Nothing is stored.

Limits: the body is capped by ``BodyLimit`` (app.py) and the file by ``app.state.max_upload``;
the type is checked by file ending *and* by content (a .pdf must start ``%PDF-``, a .docx is a
zip, text must not hold NUL bytes or a known binary signature). The extraction runs in its own
process (``run_extraction``), killed after ``app.state.upload_timeout`` seconds, and is waited
for in the thread pool, so a hostile upload can neither hang the server nor block its other
requests.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from multiprocessing.connection import Connection
from pathlib import PurePath
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from govreport.errors import GovReportError, IngestError
from govreport.options import Options
from govreport.pipeline import extract
from govreport.web.i18n import Messages, lang_of, remember
from govreport.web.jsonresp import UnicodeJSON
from govreport.web.viewer import viewer_context

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
#: seconds one upload's extraction may take before its process is killed (``create_app`` sets it)
TIMEOUT = 60.0
#: extractions running at once; a further upload waits for a free slot (up to its time limit)
_SLOTS = threading.BoundedSemaphore(max(1, min(os.cpu_count() or 1, 4)))


def _extract_target(data: bytes, options: Options) -> dict[str, Any]:
    """What the worker process computes: the report as the JSON contract's dict."""
    return extract(data, options).to_dict()


def _worker(conn: Connection, data: bytes, options: Options) -> None:
    """Runs in the child process: send back ("ok", dict), ("input", message) or ("error", message)."""
    try:
        result: tuple[str, Any] = ("ok", _extract_target(data, options))
    except IngestError as exc:
        result = ("input", str(exc))
    except GovReportError as exc:
        result = ("error", str(exc))
    except Exception as exc:  # the parent turns it into a 422, never a 500
        result = ("error", f"{type(exc).__name__}: {exc}")
    try:
        conn.send(result)
    finally:
        conn.close()


def _context() -> Any:
    # fork: the child starts at once with everything already imported (spawn re-imports govreport)
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def run_extraction(data: bytes, options: Options, timeout: float) -> dict[str, Any]:
    """Extract ``data`` in a separate process, killed after ``timeout`` seconds.

    Blocking (call it through ``run_in_threadpool``). Returns the report's dict; raises
    HTTPException 400 (the input cannot be read), 422 (too slow, or extraction failed) or 503
    (every extraction slot stayed busy for ``timeout`` seconds)."""
    if not _SLOTS.acquire(timeout=timeout):
        raise HTTPException(503, "the server is busy extracting other uploads: try again later")
    try:
        ctx = _context()
        reader, writer = ctx.Pipe(duplex=False)
        process = ctx.Process(target=_worker, args=(writer, data, options), daemon=True)
        process.start()
        writer.close()
        try:
            if not reader.poll(timeout):
                raise HTTPException(422, f"the extraction took too long (over {timeout:g} s) and was stopped")
            try:
                status, value = reader.recv()
            except (EOFError, OSError):
                raise HTTPException(422, "the extraction failed: its process ended without a result") from None
        finally:
            reader.close()
            if process.is_alive():
                process.kill()
            process.join(5)
    finally:
        _SLOTS.release()
    if status == "input":
        raise HTTPException(400, f"could not read the upload: {value}")
    if status != "ok":
        raise HTTPException(422, f"could not extract the report: {value}")
    return value


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
    timeout: float = getattr(request.app.state, "upload_timeout", TIMEOUT)
    out = await run_in_threadpool(run_extraction, data, Options(doc_id=_doc_id(name), max_bytes=limit), timeout)
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
    return remember(request, request.app.state.templates.TemplateResponse(
        request, "upload.html", {"max_upload": request.app.state.max_upload}))


async def upload_html(request: Request) -> Response:
    report = await _extract_from(request)
    context = {"report": report, "uploaded": True, **viewer_context(report, Messages(lang_of(request)))}
    return request.app.state.templates.TemplateResponse(request, "report.html", context)


async def upload_json(request: Request) -> Response:
    return UnicodeJSON({"report": await _extract_from(request)})


async def upload_info(request: Request) -> Response:
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
