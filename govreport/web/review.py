"""Review mode: readers mark facts wrong, correct their fields or add missed ones in the viewer.

Corrections are written only when the server was started with ``govreport serve --db DB
--review`` (the database is then opened for writing; otherwise it stays read-only). Without
``--review-token`` review mode answers only clients on the loopback interface (and the CLI
refuses to bind anything else); with a token every POST must carry it (``X-Review-Token`` header
or ``review_token`` field). Every POST must also carry the page's CSRF token (``X-CSRF-Token`` or
``csrf``), and one a browser marks as coming from another site (``Origin``, ``Sec-Fetch-Site``)
is refused. Corrections already stored are shown (badge, who, when, why) whether or not review
mode is on; ``for_viewer`` is the viewer's hook.

The interface strings are the ``review`` group of the UI catalogue (``LABELS``), not in the
templates, so that they can move into the app's message catalogue as they are.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from dataclasses import dataclass
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from govreport.errors import CorrectionError, GovReportError
from govreport.model import Bound, Kind, Measure
from govreport.store.corrections import FIELDS, add_correction, apply_to_report, list_corrections

#: the most bytes a review POST may have
MAX_BODY = 64 * 1024

def _labels(lang: str) -> dict[str, str]:
    """The review interface's words in ``lang``: the ``review`` group of the UI catalogue."""
    from govreport.web.i18n import catalogue

    return {key.split(".", 1)[1]: entry[lang] for key, entry in catalogue().items() if key.startswith("review.")}


#: the review interface's words (Chinese first, English), from lexicons/ui_messages.yaml
LABELS: dict[str, dict[str, str]] = {lang: _labels(lang) for lang in ("zh", "en")}


@dataclass(frozen=True, slots=True)
class ReviewConfig:
    enabled: bool = False
    token: str | None = None  # None: loopback clients only
    csrf: str = ""


DISABLED = ReviewConfig()


def review_config(enabled: bool, token: str | None = None) -> ReviewConfig:
    """The review settings of one app (a fresh CSRF token per server process)."""
    if not enabled:
        return DISABLED
    if token is not None and len(token) < 8:
        raise GovReportError("--review-token must be at least 8 characters")
    return ReviewConfig(True, token, secrets.token_urlsafe(32))


def is_loopback(host: str | None) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address((host or "").strip("[]")).is_loopback
    except ValueError:
        return False


def _config(request: Request) -> ReviewConfig:
    cfg = getattr(request.app.state, "review", None)
    return cfg if isinstance(cfg, ReviewConfig) else DISABLED


def _lang(request: Request) -> str:
    from govreport.web.i18n import lang_of

    return lang_of(request)  # the same choice as the rest of the UI (?lang=, its cookie, the browser)


# -- the viewer's hook -------------------------------------------------------------------------------
def for_viewer(request: Request, report: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The report with its corrections applied, and the context ``_review.html`` needs."""
    store = request.app.state.store
    cfg = _config(request)
    original = list(report.get("facts") or [])
    try:
        applied = apply_to_report(store, report)
        corrections = list_corrections(store, str(report["doc"]["id"]))
    except (GovReportError, AttributeError, TypeError):  # a store without corrections (a stub)
        return report, {}
    facts = applied.get("facts") or []
    keys = [[f["span"][0], f["span"][1], original[i].get("indicator") if i < len(original) else f.get("key_indicator")]
            for i, f in enumerate(facts)]
    index = {(k[0], k[1], k[2]): i for i, k in enumerate(keys)}
    for c in corrections:
        c["fact"] = index.get((c["start"], c["end"], c["indicator"]))
    flags = {i: {k: f.get(k) for k in ("wrong", "added", "correction")}
             for i, f in enumerate(facts) if f.get("corrected")}
    t = LABELS[_lang(request)]
    data = {"enabled": cfg.enabled, "token_required": cfg.token is not None,
            "csrf": cfg.csrf if cfg.enabled else None, "report_id": report["doc"]["id"], "keys": keys,
            "flags": flags, "labels": t,
            "facts": [{k: f.get(k) for k in (*FIELDS, "indicator_name")} for f in facts],
            "choices": {"kind": [k.value for k in Kind], "measure": [m.value for m in Measure],
                        "bound": [b.value for b in Bound]}}
    return applied, {"review": {"enabled": cfg.enabled, "token_required": cfg.token is not None,
                                "corrections": corrections, "t": t, "data": data}}


# -- the POST ----------------------------------------------------------------------------------------
def _refuse(status: int, message: str) -> HTTPException:
    return HTTPException(status, message)


def check_access(request: Request, cfg: ReviewConfig, sent: dict[str, Any]) -> None:
    """Raise 403 unless review mode is on and this request may write (see the module docstring)."""
    if not cfg.enabled:
        raise _refuse(403, "review is off: start the server with `govreport serve --db DB --review`")
    client = request.client.host if request.client else None
    if cfg.token is None and not is_loopback(client):
        raise _refuse(403, "review without --review-token answers only the loopback interface")
    if cfg.token is not None:
        given = request.headers.get("x-review-token") or str(sent.get("review_token") or "")
        if not hmac.compare_digest(given.encode("utf-8"), cfg.token.encode("utf-8")):
            raise _refuse(403, "a valid review token is required")
    if request.headers.get("sec-fetch-site") in ("cross-site", "same-site"):
        raise _refuse(403, "cross-site request refused")
    origin = request.headers.get("origin")
    if origin is not None and origin != f"{request.url.scheme}://{request.url.netloc}":
        raise _refuse(403, "cross-origin request refused")
    csrf = request.headers.get("x-csrf-token") or str(sent.get("csrf") or "")
    if not hmac.compare_digest(csrf.encode("utf-8"), cfg.csrf.encode("utf-8")):
        raise _refuse(403, "missing or wrong CSRF token (reload the page)")


async def _body(request: Request) -> tuple[dict[str, Any], bool]:
    """The POST's fields and whether it came as JSON (else a form)."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise _refuse(413, f"request body over {MAX_BODY} bytes")
    raw = await request.body()
    if len(raw) > MAX_BODY:
        raise _refuse(413, f"request body over {MAX_BODY} bytes")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "application/json":
        try:
            body = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _refuse(400, "the body is not JSON") from None
        if not isinstance(body, dict):
            raise _refuse(400, "the body must be a JSON object")
        return body, True
    if ctype == "application/x-www-form-urlencoded":
        form = await request.form()
        body = {k: v for k, v in form.items() if isinstance(v, str)}
        # the fields to set are set_kind, set_value, …; "indicator" alone names the fact
        body["fields"] = {k: body.pop(f"set_{k}") for k in FIELDS if body.get(f"set_{k}")}
        return body, False
    raise _refuse(415, "send application/json or a form")


def _save(store: Any, body: dict[str, Any]) -> dict[str, Any]:
    report_id = str(body.get("report_id") or "")
    fields = body.get("fields") or {}
    if not isinstance(fields, dict):
        raise CorrectionError("fields must be an object")
    try:
        start, end = int(body.get("start")), int(body.get("end"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CorrectionError("start and end must be whole numbers") from None
    words = body.get("words")
    if words is not None and body.get("action") == "add":
        text = store.report_text(report_id)
        if text[start:end] != str(words):
            raise CorrectionError("the selection does not match the report's text at those offsets")
    return add_correction(store, report_id, str(body.get("action") or ""), start, end,
                          indicator=body.get("indicator") or None, fields=fields, who=str(body.get("who") or ""),
                          why=body.get("why"))


async def post_correction(request: Request) -> Response:
    """POST /review/corrections: a JSON object (201 with the stored correction) or a form (303
    back to the report); refusals are JSON for a JSON request, the error page for a form."""
    try:
        return await _post(request)
    except HTTPException as exc:
        wants_json = "json" in request.headers.get("content-type", "") + request.headers.get("accept", "")
        if not wants_json:
            raise
        return JSONResponse({"error": str(exc.detail), "status": exc.status_code}, status_code=exc.status_code)


async def _post(request: Request) -> Response:
    cfg = _config(request)
    if not cfg.enabled:  # before reading anything
        check_access(request, cfg, {})
    body, as_json = await _body(request)
    check_access(request, cfg, body)
    try:
        saved = await run_in_threadpool(_save, request.app.state.store, body)
    except GovReportError as exc:
        raise HTTPException(400, str(exc)) from exc
    if as_json:
        return JSONResponse(saved, status_code=201)
    from govreport.web.pages import report_href

    return RedirectResponse(report_href(saved["report_id"]), status_code=303)


async def list_json(request: Request) -> Response:
    """``/review/corrections.json[?report=ID]``: the stored corrections (read-only, always on)."""
    report_id = request.query_params.get("report") or None
    rows = await run_in_threadpool(list_corrections, request.app.state.store, report_id)
    return JSONResponse({"count": len(rows), "corrections": rows, "review": _config(request).enabled})


def routes() -> list[Route]:
    return [Route("/review/corrections.json", list_json, methods=["GET"], name="corrections_json"),
            Route("/review/corrections", post_correction, methods=["POST"], name="corrections_post")]
