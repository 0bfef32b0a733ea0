"""The list pages answered in SQL (one page, counts by GROUP BY) give what the whole list sorted
and paged in Python gives: same rows, same order (missing values last, ties in list order)."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("starlette")
from test_web_app import build_web_db

from govreport.store import open_store
from govreport.web.data import WebData
from govreport.web.pages import LEVELS, REPORT_SORTS
from govreport.web.paging import Sort, sort_rows


class _NoSQL:
    """The store's list queries without its SQL: WebData falls back to its Python path."""

    def __init__(self, store: Any) -> None:
        self._store = store

    def list_reports(self, **filters: Any) -> list[dict[str, Any]]:
        return self._store.list_reports(**filters)

    def facets(self) -> dict[str, Any]:
        return self._store.facets()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    s = open_store(build_web_db(tmp_path_factory.mktemp("websql") / "web.db"), readonly=True)
    yield s
    s.close()


def _key(row: dict[str, Any], column: str) -> Any:
    return LEVELS.get(row.get(column) or "", 9) if column == "level" else row.get(column)


FILTERS = [{}, {"level": "county"}, {"report_year": 2021}, {"partial": False}, {"province": "河南省", "level": "county"},
           {"level": "city", "report_year": 2021}]


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("column", [None, *REPORT_SORTS])
@pytest.mark.parametrize("descending", [False, True])
def test_a_page_of_reports_in_sql_is_the_page_of_the_sorted_list(store, filters, column, descending) -> None:
    sql, slow = WebData(store), WebData(_NoSQL(store))
    every = sort_rows(slow.reports(filters), Sort(column, descending), _key)
    assert every, filters
    per_page = 2
    for offset in range(0, len(every) + per_page, per_page):
        found = sql.report_slice(filters, column, descending, offset, per_page)
        assert found is not None
        rows, count = found
        assert count == len(every)
        assert [r["id"] for r in rows] == [r["id"] for r in every[offset:offset + per_page]]
        assert rows == every[offset:offset + per_page]


@pytest.mark.parametrize("filters", FILTERS)
def test_facet_counts_in_sql_are_those_counted_over_the_list(store, filters) -> None:
    assert WebData(store).facets(filters) == WebData(_NoSQL(store)).facets(filters)
    if filters:
        assert WebData(_NoSQL(store))._sql(filters) is None


def test_region_rows_are_the_reports_with_a_region_in_list_order(store) -> None:
    fast = WebData(store).region_rows()
    slow = WebData(_NoSQL(store)).region_rows()
    assert fast and [{k: r[k] for k in ("region", "province", "level", "report_year")} for r in slow] == fast
