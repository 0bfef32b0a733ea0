"""Paging and sorting of the list pages (reports, regions, compare, search, tracking).

Every list's payload says its true total: ``count`` (all rows that match), ``page``, ``per_page``
and ``pages``; ``?page=N&per_page=M`` picks a page (``?offset=&limit=`` still works on /reports).
``?sort=COLUMN&order=asc|desc`` sorts by one of the columns a page allows; rows without a value
sort last either way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException

#: the highest page number a request may ask for
PAGE_LIMIT = 10**9


@dataclass(frozen=True, slots=True)
class Paging:
    page: int
    per_page: int
    count: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    def payload(self) -> dict[str, int]:
        return {"count": self.count, "page": self.page, "per_page": self.per_page, "pages": self.pages}

    def slice(self, rows: Sequence[Any]) -> list[Any]:
        return list(rows[self.offset:self.offset + self.per_page])


def paging_of(params: Mapping[str, str], count: int, default: int, most: int,
              parse: Callable[[str | None, str, int, int], int | None]) -> Paging:
    """The page asked for; ``parse`` checks a whole-number parameter (HTTP 400 when bad)."""
    name = "per_page" if params.get("per_page") else "limit"
    per_page = parse(params.get(name), name, 1, most) or default
    page = parse(params.get("page"), "page", 1, PAGE_LIMIT)
    if page is None:
        offset = parse(params.get("offset"), "offset", 0, 10**12) or 0
        page = offset // per_page + 1
    return Paging(page, per_page, count)


def pager_links(path: str, params: Mapping[str, str], paging: Paging) -> dict[str, Any]:
    """Links to the previous and next page and to a window of page numbers around this one."""
    base = {k: v for k, v in params.items() if k not in ("page", "offset", "limit")}

    def href(page: int) -> str:
        return path + "?" + urlencode({**base, "page": str(page), "per_page": str(paging.per_page)})

    out: dict[str, Any] = {"numbers": []}
    if paging.page > 1:
        out["prev"] = href(min(paging.page - 1, paging.pages))
    if paging.page < paging.pages:
        out["next"] = href(paging.page + 1)
    window = sorted({1, paging.pages, *range(max(1, paging.page - 2), min(paging.pages, paging.page + 2) + 1)})
    last = 0
    for n in window:
        if n - last > 1:
            out["numbers"].append({"gap": True})
        out["numbers"].append({"page": n, "href": href(n), "current": n == paging.page})
        last = n
    return out


@dataclass(frozen=True, slots=True)
class Sort:
    column: str | None
    descending: bool

    def payload(self) -> dict[str, Any]:
        return {"sort": self.column, "order": "desc" if self.descending else "asc"} if self.column else {}


def sort_of(params: Mapping[str, str], allowed: Sequence[str]) -> Sort:
    column = params.get("sort") or None
    if column is not None and column not in allowed:
        raise HTTPException(400, f"sort must be one of {', '.join(allowed)}")
    order = (params.get("order") or "asc").lower()
    if order not in ("asc", "desc"):
        raise HTTPException(400, "order must be asc or desc")
    return Sort(column, order == "desc")


def sort_rows(rows: Sequence[dict[str, Any]], sort: Sort,
              key: Callable[[dict[str, Any], str], Any] | None = None) -> list[dict[str, Any]]:
    """``rows`` sorted by ``sort`` (stable; missing values last in both orders)."""
    if not sort.column:
        return list(rows)
    column = sort.column

    def value(row: dict[str, Any]) -> Any:
        return key(row, column) if key else row.get(column)

    present = [r for r in rows if value(r) not in (None, "")]
    missing = [r for r in rows if value(r) in (None, "")]
    numeric = all(isinstance(value(r), int | float) for r in present)
    present.sort(key=(lambda r: value(r)) if numeric else (lambda r: str(value(r))), reverse=sort.descending)
    return present + missing


def sort_links(path: str, params: Mapping[str, str], sort: Sort, columns: Sequence[str]) -> dict[str, dict[str, Any]]:
    """For each sortable column: the link that sorts by it (again: the other way) and its state."""
    base = {k: v for k, v in params.items() if k not in ("sort", "order", "page", "offset")}
    out = {}
    for c in columns:
        active = sort.column == c
        order = "asc" if active and sort.descending else ("desc" if active else "asc")
        out[c] = {"href": path + "?" + urlencode({**base, "sort": c, "order": order}),
                  "state": ("desc" if sort.descending else "asc") if active else ""}
    return out
