"""The read-only pages. Each handler builds one payload; it is shown as HTML or, at the
``.json`` twin of the same path, returned as JSON. Handlers are plain functions run in the
thread pool, so a slow query does not hold up the event loop (the store serialises access)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, unquote_to_bytes, urlencode

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from govreport.errors import GovReportError
from govreport.store.shortscan import SearchTotal
from govreport.web import review
from govreport.web.charts import Series, compare_chart, line_chart
from govreport.web.data import FACETS, WebData, year_of
from govreport.web.i18n import Messages, lang_of, remember
from govreport.web.jsonresp import UnicodeJSON
from govreport.web.paging import Paging, pager_links, paging_of, sort_links, sort_of, sort_rows
from govreport.web.viewer import viewer_context

#: (template, payload for JSON, extra context for HTML only)
Page = tuple[str, dict[str, Any], dict[str, Any]]
Handler = Callable[[Request], Page]

#: levels from the top down, for ordering
LEVELS = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 4}
#: verdicts in the order the tracking page lists them
VERDICTS = ("met", "missed", "no_outcome", "not_reported", "not_comparable", "no_target")
SEARCH_LIMIT = 20
#: the most search hits one request may ask for
SEARCH_MAX = 200
#: a search of short terms only (a scan) counts this many hits at most ("more than N") …
SEARCH_COUNT_MAX = 1000
#: … and stops after this many seconds (the count then says "at least N")
SEARCH_SECONDS = 0.2
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
        return remember(request, request.app.state.templates.TemplateResponse(request, template, context))

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

#: the columns each list page sorts by
REPORT_SORTS = ("id", "region", "province", "level", "report_year", "n_facts")
REGION_SORTS = ("region", "level", "province", "reports", "first_year")
COMPARE_SORTS = ("level", "region", "parent", "value", "parent_value", "above_parent")
TRACK_SORTS = ("region", "indicator", "measure", "period", "target_value", "outcome_value", "gap", "verdict")


def _listing(request: Request, rows: list[dict[str, Any]], sorts: tuple[str, ...], default: int, most: int,
             key: Callable[[dict[str, Any], str], Any] | None = None) -> tuple[list[dict[str, Any]],
                                                                               dict[str, Any], dict[str, Any]]:
    """Sort ``rows`` as asked, cut out the page: (the page's rows, payload fields, HTML context)."""
    q = request.query_params
    sort = sort_of(q, sorts)
    rows = sort_rows(rows, sort, key)
    paging = paging_of(q, len(rows), default, most, _int)
    payload = {**paging.payload(), **sort.payload()}
    extra = {"pager": pager_links(request.url.path, q, paging), "sorts": sort_links(request.url.path, q, sort, sorts)}
    return paging.slice(rows), payload, extra


def reports_page(request: Request) -> Page:
    q = request.query_params
    filters: dict[str, Any] = {
        "province": q.get("province") or None,
        "level": q.get("level") or None,
        "report_year": _year(q.get("year") or q.get("report_year")),
        "partial": {"1": True, "true": True, "0": False, "false": False}.get((q.get("partial") or "").lower()),
        "region": q.get("region") or None,
    }
    data = _data(request)
    sort = sort_of(request.query_params, REPORT_SORTS)
    paging = paging_of(request.query_params, 0, PAGE_SIZE, PAGE_MAX, _int)
    found = data.report_slice(filters, sort.column, sort.descending, paging.offset, paging.per_page)
    if found is None:  # a store without SQL: the whole list, sorted and paged here
        rows, listing, extra = _listing(request, data.reports(filters), REPORT_SORTS, PAGE_SIZE, PAGE_MAX,
                                        key=lambda r, c: LEVELS.get(r.get(c) or "", 9) if c == "level" else r.get(c))
    else:  # one page in SQL
        rows, count = found
        paging = Paging(paging.page, paging.per_page, count)
        listing = {**paging.payload(), **sort.payload()}
        extra = {"pager": pager_links(request.url.path, q, paging),
                 "sorts": sort_links(request.url.path, q, sort, REPORT_SORTS)}
    facets = data.facets(filters)
    active = {k: v for k, v in filters.items() if v is not None}
    payload = {"filters": active, **listing, "offset": (listing["page"] - 1) * listing["per_page"],
               "limit": listing["per_page"], "reports": rows,
               "facets": {k: [{"value": v, "count": c} for v, c in facets[k]] for k in FACETS}}
    return "reports.html", payload, {"facet_pairs": facets, **extra}


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
    report, review_context = review.for_viewer(request, report)  # corrections applied and shown
    return "report.html", {"report": report}, {**viewer_context(report, Messages(lang_of(request))), **review_context,
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


# -- regions ---------------------------------------------------------------------------------

def regions_page(request: Request) -> Page:
    regions: dict[str, dict[str, Any]] = {}
    for r in _data(request).region_rows():
        entry = regions.setdefault(r["region"], {"region": r["region"], "province": r.get("province"),
                                                 "level": r.get("level"), "reports": 0, "years": []})
        entry["reports"] += 1
        if r.get("report_year") is not None:
            entry["years"].append(r["report_year"])
    rows = sorted(regions.values(), key=lambda e: (LEVELS.get(e["level"] or "", 9), e["province"] or "",
                                                    e["region"]))
    for row in rows:
        row["years"] = sorted(set(row["years"]))
        row["first_year"] = row["years"][0] if row["years"] else None
    page, listing, extra = _listing(request, rows, REGION_SORTS, PAGE_SIZE, PAGE_MAX,
                                    key=lambda r, c: LEVELS.get(r.get(c) or "", 9) if c == "level" else r.get(c))
    return "regions.html", {**listing, "regions": page}, extra


def region_page(request: Request) -> Page:
    region = request.path_params["region"]
    payload = _data(request).region(region)
    if not payload["reports"] and not payload["series"]:
        raise HTTPException(404, f"no reports for region {region!r}")
    t = Messages(lang_of(request))
    charts = []
    for s in payload["series"]:
        lines = [Series(t(f"col.{slot}"), slot, [(p["year"], p[slot]) for p in s["points"] if p.get(slot) is not None],
                        dashed=slot == "target") for slot in ("target", "outcome", "estimate")]
        title = f"{region} {s['name']}（{t.code('measure', s['measure'])}）"
        charts.append(line_chart(lines, title=title, unit=s["unit"], t=t))
    return "region.html", payload, {"charts": charts}


# -- tracking --------------------------------------------------------------------------------

def tracking_page(request: Request) -> Page:
    q = request.query_params
    region, indicator, verdict = q.get("region") or None, q.get("indicator") or None, q.get("verdict") or None
    page = _int(q.get("page"), "page", 1, 10**9) or 1
    per_page = _int(q.get("per_page"), "per_page", 1, PAGE_MAX) or PAGE_SIZE
    data = _data(request)
    sort = sort_of(q, TRACK_SORTS)
    if sort.column:  # a sorted table needs every row: computed whole, then sorted and paged
        every = data.track(region, indicator)
        counts = dict(Counter(str(r.get("verdict")) for r in every))
        chosen = sort_rows([r for r in every if not verdict or str(r.get("verdict")) == verdict], sort)
        total = len(chosen)
        rows = chosen[(page - 1) * per_page: page * per_page]
    else:  # the report order: one page at a time, computed per region in SQL
        found = data.track_page(region, indicator, verdict, page, per_page)
        rows, counts, total = found["rows"], found["verdicts"], found["total"]
    payload = {"filters": {k: v for k, v in (("region", region), ("indicator", indicator),
                                              ("verdict", verdict)) if v},
               "count": total, "total": total, "page": page, "per_page": per_page,
               "pages": max(1, -(-total // per_page)), "verdicts": counts, "rows": rows, **sort.payload()}
    paging = Paging(page, per_page, total)
    return "tracking.html", payload, {
        "chart": _tracking_chart(rows, region, indicator, Messages(lang_of(request))),
        "verdict_names": sorted(set(VERDICTS) | set(counts)),
        "regions": data.region_names(),
        "indicators": data.indicators(),
        "pager": pager_links(request.url.path, q, paging), "page": page, "pages": paging.pages, "count": total,
        "sorts": sort_links(request.url.path, q, sort, TRACK_SORTS),
    }


def _tracking_chart(rows: list[dict[str, Any]], region: str | None, indicator: str | None, t: Messages) -> Any:
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
    name = next((r.get("indicator_name") for r in rows if r.get("indicator_name")), None) or ind
    return line_chart([Series(t("col.target"), "target", targets, dashed=True),
                       Series(t("col.outcome"), "outcome", outcomes)],
                      title=f"{reg} {name}（{t.code('measure', measure)}，{unit or ''}）", unit=unit or "", t=t,
                      caption=True)


# -- compare ---------------------------------------------------------------------------------

def compare_page(request: Request) -> Page:
    q = request.query_params
    year = _year(q.get("year"))
    indicator = q.get("indicator") or None
    data = _data(request)
    rows = data.compare(year, indicator) if year is not None and indicator else []
    years = sorted((v for v, _ in data.facets()["report_year"] if v is not None), reverse=True)
    names = {i["id"]: i["name"] for i in data.indicators()}
    chart = compare_chart(rows, year, names.get(indicator or "") or indicator, Messages(lang_of(request))) if rows else None
    page, listing, extra = _listing(request, rows, COMPARE_SORTS, PAGE_SIZE, PAGE_MAX,
                                    key=lambda r, c: LEVELS.get(r.get(c) or "", 9) if c == "level" else r.get(c))
    payload = {"filters": {"year": year, "indicator": indicator}, **listing, "rows": page}
    return "compare.html", payload, {"indicators": data.indicators(), "years": years, "chart": chart,
                                     "indicator_name": names.get(indicator or "") or indicator, **extra}


# -- search ----------------------------------------------------------------------------------

def search_page(request: Request) -> Page:
    q = request.query_params
    query = (q.get("q") or "").strip()
    filters = {"level": q.get("level") or None, "year": _year(q.get("year"))}
    data = _data(request)
    # a query of one- and two-character terms only is scanned (no index narrows it): bounded
    total = data.search_total(query, SEARCH_COUNT_MAX, SEARCH_SECONDS, **filters) if query else SearchTotal(0)
    paging = paging_of(q, total.count, SEARCH_LIMIT, SEARCH_MAX, _int)
    hits = data.search(query, limit=paging.per_page, offset=paging.offset, time_limit=SEARCH_SECONDS,
                       **filters) if query else []
    facets = data.facets()
    payload = {"query": query, "filters": {k: v for k, v in filters.items() if v is not None},
               **paging.payload(), "count_complete": total.complete, "count_timed_out": total.timed_out,
               "reports_read": total.reports_read, "hits": hits}
    return "search.html", payload, {
        "levels": [v for v, _ in facets["level"] if v],
        "years": sorted((v for v, _ in facets["report_year"] if v is not None), reverse=True),
        "pager": pager_links(request.url.path, q, paging), "first": paging.offset + 1,
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
