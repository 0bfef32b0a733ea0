"""The ASGI app: server-rendered pages, each with a JSON twin (``/reports`` and ``/reports.json``).

``create_app(db)`` opens the store read-only and returns a Starlette app; ``govreport serve``
runs it under uvicorn. Templates are Jinja2 with autoescape on; report text reaches HTML only
through ``render.highlight`` (which escapes every piece) or ``{{ }}`` (which Jinja escapes).
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp

from govreport.readable import readable
from govreport.web import i18n, pages, review, task_pages, upload
from govreport.web.charts import line_chart
from govreport.web.jsonresp import UnicodeJSON
from govreport.web.render import fact_summary, format_number, mark_terms, quantity
from govreport.web.security import BodyLimit, SecurityHeaders

HERE = Path(__file__).resolve().parent
#: default upload limit in bytes
MAX_UPLOAD = 5 * 1024 * 1024


def _templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(HERE / "templates")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    env.filters["num"] = format_number
    env.filters["report_href"] = pages.report_href
    env.globals["fact_summary"] = fact_summary
    env.globals["line_chart"] = line_chart
    env.globals["mark_terms"] = mark_terms
    env.globals["qty"] = quantity
    env.globals["readable"] = readable
    return Jinja2Templates(env=env, context_processors=[i18n.context])


class App(Starlette):
    """Starlette with the security headers outermost, so that every response carries them,
    the 500 page that ``ServerErrorMiddleware`` sends for an unhandled exception included."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())


def create_app(db: str | Path | None = None, *, store: Any = None, max_upload: int = MAX_UPLOAD,
               upload_timeout: float = upload.TIMEOUT, debug: bool = False, review_mode: bool = False,
               review_token: str | None = None) -> Starlette:
    """The web app over the database at ``db`` (opened read-only) or an already open ``store``.

    ``max_upload``: bytes an upload may have; ``upload_timeout``: seconds its extraction may take;
    ``review_mode``: readers may store corrections (the database is opened for writing; see ``review.py``)."""
    if store is None:
        if db is None:
            raise ValueError("create_app needs a database path or a store")
        from govreport.store import open_store

        store = open_store(db, readonly=not review_mode)
    templates = _templates()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        close = getattr(store, "close", None)
        if callable(close):
            close()

    routes = [
        Route("/", lambda request: RedirectResponse("/reports", status_code=307), name="home"),
        *pages.routes(),
        *task_pages.routes(),
        *upload.routes(),
        *review.routes(),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 500)
        detail = getattr(exc, "detail", None) or "Internal error"
        if request.url.path.endswith(".json") or "application/json" in request.headers.get("accept", ""):
            return UnicodeJSON({"error": str(detail), "status": status}, status_code=status)
        return templates.TemplateResponse(request, "error.html", {"status": status, "detail": str(detail)},
                                          status_code=status)

    async def server_error(request: Request, exc: Exception) -> Response:
        # the exception goes to the server log (ServerErrorMiddleware re-raises it); the client
        # gets a short page without the traceback
        return await http_error(request, HTTPException(500, "Internal error"))

    handlers: dict[Any, Any] = {HTTPException: http_error}
    if not debug:  # with debug on, Starlette's traceback page
        handlers[Exception] = server_error
    app = App(debug=debug, routes=routes, lifespan=lifespan, exception_handlers=handlers)
    app.state.store = store
    app.state.templates = templates
    app.state.max_upload = max_upload
    app.state.upload_timeout = upload_timeout
    app.state.review = review.review_config(review_mode, review_token)
    # a url-encoded paste is up to 3x its UTF-8 size (%XX); the text itself is checked against max_upload
    app.add_middleware(BodyLimit, limit=3 * max_upload + 64 * 1024, paths=("/upload",))
    app.add_middleware(BodyLimit, limit=review.MAX_BODY, paths=("/review",))
    return app
