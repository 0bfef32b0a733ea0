"""The read-only pages. Each handler builds one payload; it is shown as HTML or, at the
``.json`` twin of the same path, returned as JSON. Handlers are plain functions run in the
thread pool, so a slow query does not hold up the event loop (the store serialises access)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote_to_bytes, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from govreport.errors import GovReportError
from govreport.web.charts import Series, line_chart
from govreport.web.data import FACETS, WebData, year_of
from govreport.web.render import highlight, outline, span_of

#: (template, payload for JSON, extra context for HTML only)
Page = tuple[str, dict[str, Any], dict[str, Any]]
Handler = Callable[[Request], Page]

#: levels from the top down, for ordering
LEVELS = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4}
#: verdicts in the order the tracking page lists them
VERDICTS = ("met", "missed", "no_outcome", "not_reported", "not_comparable", "no_target")
SEARCH_LIMIT = 50
#: the most search hits one request may ask for
SEARCH_MAX = 200
#: reports per page of the list, and the most one request may ask for
PAGE_SIZE = 200
PAGE_MAX = 1000
#: the range a year parameter may take
YEARS = (1, 9999)
_WHOLE = re.compile(r"-?[0-9]{1,18}")


def _data(request: Request) -> WebData:
    return WebData(request.app.state.store)


def _int(value: str | None, name: str, low: int, high: int) -> int | None:
    """A whole-number query parameter in ``[low, high]`` (None when absent), else HTTP 400:
    a value out of range never reaches SQLite (which overflows past 2**63) or lifts a limit."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not _WHOLE.fullmatch(text):
        shown = text if len(text) <= 24 else text[:24] + "…"
        raise HTTPException(400, f"{name} must be a whole number, not {shown!r}")
    number = int(text)
    if not low <= number <= high:
        raise HTTPException(400, f"{name} must be between {low} and {high}")
    return number


def _year(value: str | None) -> int | None:
    return _int(value, "year", *YEARS)


def report_href(report_id: str, json: bool = False) -> str:
    """The link to a stored report (or its JSON twin) that reaches exactly ``report_id``.

    The path form ``/reports/ID`` (percent-encoded, ``/`` kept) serves any id whose segments a
    browser keeps as they are; an id that ends in ``.json`` or has an empty, ``.`` or ``..``
    segment gets the query form ``/report?id=ID``, which takes any string."""
    segments = report_id.split("/")
    if report_id.endswith(".json") or any(seg in ("", ".", "..") for seg in segments):
        return ("/report.json" if json else "/report") + "?" + urlencode({"id": report_id})
    return "/reports/" + quote(report_id, safe="/") + (".json" if json else "")


Endpoint = Callable[[Request], Any]


def _json_endpoint(handler: Handler) -> Endpoint:
    async def as_json(request: Request) -> Response:
        from govreport.web.app import UnicodeJSON

        try:
            _, payload, _ = await run_in_threadpool(handler, request)
        except GovReportError as exc:
            raise HTTPException(400, str(exc)) from exc
        return UnicodeJSON(payload)

    return as_json


def _html_endpoint(handler: Handler) -> Endpoint:
    async def as_html(request: Request) -> Response:
        try:
            template, payload, extra = await run_in_threadpool(handler, request)
        except GovReportError as exc:
            raise HTTPException(400, str(exc)) from exc
        context = {**payload, "json_url": _json_url(request), **extra}
        return request.app.state.templates.TemplateResponse(request, template, context)

    return as_html


def _twin(path: str, handler: Handler, name: str) -> list[Route]:
    """Two routes: ``path`` (HTML) and ``path.json`` (the same payload as JSON)."""
    json_path = path + ".json" if path != "/" else "/index.json"
    return [Route(json_path, _json_endpoint(handler), name=f"{name}_json"),
            Route(path, _html_endpoint(handler), name=name)]


def _json_url(request: Request) -> str:
    # the decoded path: only the characters that would end or corrupt a path are encoded again
    path = request.url.path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")
    url = path + ".json"
    return f"{url}?{request.url.query}" if request.url.query else url


# -- reports ---------------------------------------------------------------------------------

def reports_page(request: Request) -> Page:
    q = request.query_params
    filters: dict[str, Any] = {
        "province": q.get("province") or None,
        "level": q.get("level") or None,
        "report_year": _year(q.get("year") or q.get("report_year")),
        "partial": {"1": True, "true": True, "0": False, "false": False}.get((q.get("partial") or "").lower()),
        "region": q.get("region") or None,
    }
    limit = _int(q.get("limit"), "limit", 1, PAGE_MAX) or PAGE_SIZE
    offset = _int(q.get("offset"), "offset", 0, 10**12) or 0
    data = _data(request)
    reports = data.reports(filters)
    facets = data.facets(filters)
    active = {k: v for k, v in filters.items() if v is not None}
    payload = {"filters": active, "count": len(reports), "offset": offset, "limit": limit,
               "reports": reports[offset:offset + limit],
               "facets": {k: [{"value": v, "count": c} for v, c in facets[k]] for k in FACETS}}
    pages = {}
    if offset > 0:
        pages["prev"] = _with(request, offset=max(offset - limit, 0))
    if offset + limit < len(reports):
        pages["next"] = _with(request, offset=offset + limit)
    return "reports.html", payload, {"facet_pairs": facets, "pages": pages}


def _with(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed."""
    params = dict(request.query_params)
    params.update({k: str(v) for k, v in changes.items()})
    return request.url.path + "?" + urlencode(params)


def report_page(request: Request) -> Page:
    """One report: its id from the path (``/reports/ID``, resolved by ``_report_by_path``) or
    from ``/report?id=ID``."""
    report_id = request.path_params.get("report_id")
    if report_id is None:
        report_id = request.query_params.get("id")
        if not report_id:
            raise HTTPException(400, "give the report id: /report?id=ID")
    report = _data(request).report(report_id)
    if report is None:
        raise HTTPException(404, f"no report with id {report_id!r}")
    return "report.html", {"report": report}, {**viewer_context(report),
                                               "json_url": report_href(report_id, json=True)}


_report_json = _json_endpoint(report_page)
_report_html = _html_endpoint(report_page)


async def _report_by_path(request: Request) -> Response:
    """``/reports/ID`` and ``/reports/ID.json``: the twin only when ID itself is a stored
    report, so an id that ends in ``.json`` (or holds a ``/``) is still reachable."""
    rest: str = request.path_params["rest"]
    raw = request.scope.get("raw_path")
    if isinstance(raw, bytes) and raw.startswith(b"/reports/"):
        # the path as sent, decoded exactly once (``a%252Fb`` is the id ``a%2Fb``, not ``a/b``)
        rest = unquote_to_bytes(raw[len(b"/reports/"):]).decode("utf-8", "replace")
    twin = rest.endswith(".json") and await run_in_threadpool(_data(request).has_report, rest[:-5])
    request.scope["path_params"] = {"report_id": rest[:-5] if twin else rest}
    return await (_report_json if twin else _report_html)(request)


def viewer_context(report: dict[str, Any]) -> dict[str, Any]:
    """What report.html needs beyond the report itself (shared with the upload page)."""
    facts = report.get("facts") or []
    text = str(report.get("text") or "")
    counts = {k: sum(1 for f in facts if f.get("kind") == k) for k in ("target", "actual", "estimate")}
    return {
        "body": highlight(report),
        "outline": outline(report),
        "kind_counts": counts,
        "facts_data": [
            {k: f.get(k) for k in ("kind", "indicator", "indicator_text", "indicator_name", "measure", "value",
                                  "value_max", "unit", "bound", "period", "rank_scope", "rank_of",
                                  "section", "span")}
            | {"evidence": text[sp[0]:sp[1]] if (sp := span_of(f.get("span"))) else ""}
            for f in facts
        ],
        "tasks_data": report.get("tasks") or [],
        "slogans_data": report.get("slogans") or [],
    }


# -- regions ---------------------------------------------------------------------------------

def regions_page(request: Request) -> Page:
    reports = _data(request).reports({})
    regions: dict[str, dict[str, Any]] = {}
    for r in reports:
        if not r.get("region"):
            continue
        entry = regions.setdefault(r["region"], {"region": r["region"], "province": r.get("province"),
                                                 "level": r.get("level"), "reports": 0, "years": []})
        entry["reports"] += 1
        if r.get("report_year") is not None:
            entry["years"].append(r["report_year"])
    rows = sorted(regions.values(), key=lambda e: (LEVELS.get(e["level"] or "", 9), e["province"] or "",
                                                    e["region"]))
    for row in rows:
        row["years"] = sorted(set(row["years"]))
    return "regions.html", {"count": len(rows), "regions": rows}, {}


def region_page(request: Request) -> Page:
    region = request.path_params["region"]
    payload = _data(request).region(region)
    if not payload["reports"] and not payload["series"]:
        raise HTTPException(404, f"no reports for region {region!r}")
    charts = []
    for s in payload["series"]:
        targets = [(p["year"], p["target"]) for p in s["points"] if p.get("target") is not None]
        outcomes = [(p["year"], p["outcome"]) for p in s["points"] if p.get("outcome") is not None]
        estimates = [(p["year"], p["estimate"]) for p in s["points"] if p.get("estimate") is not None]
        chart = line_chart([Series("target", "target", targets, dashed=True),
                            Series("outcome", "outcome", outcomes),
                            Series("estimate", "estimate", estimates)],
                           title=f"{region} {s['name']} ({s['measure']})", unit=s["unit"])
        charts.append(chart)
    return "region.html", payload, {"charts": charts}


# -- tracking --------------------------------------------------------------------------------

def tracking_page(request: Request) -> Page:
    q = request.query_params
    region, indicator, verdict = q.get("region") or None, q.get("indicator") or None, q.get("verdict") or None
    page = _int(q.get("page"), "page", 1, 10**9) or 1
    per_page = _int(q.get("per_page"), "per_page", 1, PAGE_MAX) or PAGE_SIZE
    data = _data(request)
    found = data.track_page(region, indicator, verdict, page, per_page)
    rows, counts, total = found["rows"], found["verdicts"], found["total"]
    payload = {"filters": {k: v for k, v in (("region", region), ("indicator", indicator),
                                              ("verdict", verdict)) if v},
               "count": total, "total": total, "page": page, "per_page": per_page,
               "pages": max(1, -(-total // per_page)), "verdicts": counts, "rows": rows}
    pages = {}
    if page > 1:
        pages["prev"] = _with(request, page=page - 1)
    if page * per_page < total:
        pages["next"] = _with(request, page=page + 1)
    return "tracking.html", payload, {
        "chart": _tracking_chart(rows, region, indicator),
        "verdict_names": sorted(set(VERDICTS) | set(counts)),
        "regions": data.region_names(),
        "indicators": data.indicators(),
        "pages": pages,
    }


def _tracking_chart(rows: list[dict[str, Any]], region: str | None, indicator: str | None) -> Any:
    """Target vs outcome over the years, when the rows are one region's one indicator and measure."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for r in rows:
        key = (r.get("region"), r.get("indicator"), r.get("measure"), r.get("unit") or r.get("target_unit"))
        groups.setdefault(key, []).append(r)
    if len({k[:2] for k in groups}) != 1:
        return None  # a chart is one region's one indicator
    (reg, ind, measure, unit), rows = max(groups.items(), key=lambda kv: len(kv[1]))
    targets, outcomes = [], []
    for r in rows:
        year = year_of(r.get("period") or r.get("year"))
        if year is None:
            continue
        if isinstance(r.get("target_value"), int | float):
            targets.append((year, float(r["target_value"])))
        comparable = r.get("outcome_measure") in (None, measure) and r.get("outcome_unit") in (None, unit)
        if comparable and isinstance(r.get("outcome_value"), int | float):
            outcomes.append((year, float(r["outcome_value"])))
    return line_chart([Series("target", "target", targets, dashed=True), Series("outcome", "outcome", outcomes)],
                      title=f"{reg} {ind} ({measure})", unit=unit or "")


# -- compare ---------------------------------------------------------------------------------

def compare_page(request: Request) -> Page:
    q = request.query_params
    year = _year(q.get("year"))
    indicator = q.get("indicator") or None
    data = _data(request)
    rows = data.compare(year, indicator) if year is not None and indicator else []
    years = sorted((v for v, _ in data.facets()["report_year"] if v is not None), reverse=True)
    payload = {"filters": {"year": year, "indicator": indicator}, "count": len(rows), "rows": rows}
    columns = [c for c in ("level", "region", "parent", "measure", "value", "value_max", "unit", "bound",
                           "parent_value", "above_parent", "evidence", "report_id")
               if any(c in r for r in rows)]
    return "compare.html", payload, {"indicators": data.indicators(), "years": years, "columns": columns}


# -- search ----------------------------------------------------------------------------------

def search_page(request: Request) -> Page:
    q = request.query_params
    query = (q.get("q") or "").strip()
    limit = _int(q.get("limit"), "limit", 1, SEARCH_MAX) or SEARCH_LIMIT
    filters = {"level": q.get("level") or None, "year": _year(q.get("year"))}
    data = _data(request)
    hits = data.search(query, limit=limit, **filters) if query else []
    facets = data.facets()
    payload = {"query": query, "filters": {k: v for k, v in filters.items() if v is not None},
               "count": len(hits), "hits": hits}
    return "search.html", payload, {
        "levels": [v for v, _ in facets["level"] if v],
        "years": sorted((v for v, _ in facets["report_year"] if v is not None), reverse=True),
    }


def routes() -> list[Route]:
    out: list[Route] = []
    out += _twin("/reports", reports_page, "reports")
    out += _twin("/report", report_page, "report")  # /report?id=ID: any id
    out.append(Route("/reports/{rest:path}", _report_by_path, name="report_path"))
    out += _twin("/regions", regions_page, "regions")
    out += _twin("/regions/{region}", region_page, "region")
    out += _twin("/tracking", tracking_page, "tracking")
    out += _twin("/compare", compare_page, "compare")
    out += _twin("/search", search_page, "search")
    return out
