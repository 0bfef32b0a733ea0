"""The list pages as a reader uses them: true totals, every page reachable, sorting, the
language, readable numbers, tracking's comparable outcomes, charts that survive an outlier."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("starlette")
from starlette.testclient import TestClient
from test_web_app import EVIL_REGION, build_web_db

from govreport.store import open_store
from govreport.web import create_app
from govreport.web.charts import Bar, Series, bar_chart, line_chart, outliers
from govreport.web.i18n import Messages


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory):
    return build_web_db(tmp_path_factory.mktemp("pages") / "web.db")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def store(db):
    s = open_store(db, readonly=True)
    yield s
    s.close()


def _next(page: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', page)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("query", ["发展", "高标准农田"])
def test_search_pages_reach_every_hit(client: TestClient, store, query: str) -> None:
    everything = store.search(query, limit=10**6)
    assert store.search_count(query) == len(everything) > 0
    first = client.get("/search.json", params={"q": query, "per_page": 7}).json()
    assert first["count"] == len(everything) and first["page"] == 1 and first["per_page"] == 7
    assert first["pages"] == -(-len(everything) // 7)
    seen, url, pages = [], f"/search?q={query}&per_page=7", 0
    while url:
        page = client.get(url).text
        twin = client.get(url.replace("/search?", "/search.json?")).json()
        seen += [(h["report_id"], h["paragraph"]) for h in twin["hits"]]
        assert f'data-count="{len(everything)}"' in page
        url, pages = _next(page), pages + 1
    assert pages == first["pages"]
    assert seen == [(h["report_id"], h["paragraph"]) for h in everything]  # each hit once, in order


def test_a_page_past_the_end_is_empty_not_an_error(client: TestClient) -> None:
    got = client.get("/search.json", params={"q": "发展", "page": 10**6}).json()
    assert got["hits"] == [] and got["count"] > 0


def test_reports_sort_by_a_column(client: TestClient, store) -> None:
    got = client.get("/reports.json", params={"sort": "n_facts", "order": "desc"}).json()
    counts = [r["n_facts"] for r in got["reports"]]
    assert counts == sorted(counts, reverse=True) and len(counts) == len(store.list_reports())
    page = client.get("/reports", params={"sort": "n_facts", "order": "desc"}).text
    assert 'aria-sort="descending"' in page
    assert client.get("/reports.json", params={"sort": "nope"}).status_code == 400
    regions = client.get("/regions.json", params={"sort": "reports", "order": "desc", "per_page": 2}).json()
    assert len(regions["regions"]) <= 2 and regions["count"] >= len(regions["regions"])
    assert [r["reports"] for r in regions["regions"]] == sorted((r["reports"] for r in regions["regions"]),
                                                                 reverse=True)


def test_chinese_by_default_english_on_request(client: TestClient) -> None:
    zh, en = Messages("zh"), Messages("en")
    page = client.get("/tracking").text
    assert f">{zh('nav.tracking')}</a>" in page and 'lang="zh-Hans"' in page
    assert f">{en('nav.tracking')}</a>" not in page
    english = client.get("/tracking?lang=en")
    assert f">{en('nav.tracking')}</a>" in english.text and '<html lang="en">' in english.text
    assert english.cookies.get("lang") == "en"
    client.cookies.clear()
    browser = client.get("/reports", headers={"accept-language": "en-GB,en;q=0.9"})
    assert f">{en('nav.reports')}</a>" in browser.text
    assert client.get("/reports.json?lang=en").json()["reports"]  # the twin is data, not words
    client.cookies.clear()


def test_region_page_numbers_are_readable_with_the_exact_value_on_hover(client: TestClient) -> None:
    page = client.get(f"/regions/{EVIL_REGION}").text
    shown = re.findall(r'<span class="qty" title="([^"]+)">([^<]+)</span>', page)
    assert shown
    for exact, readable in shown:
        assert not re.search(r"\d,\d{3},\d{3}", readable)  # no raw 1,117,000,000,000
        assert re.fullmatch(r"-?[\d,]+(\.\d+)?(–-?[\d,]+(\.\d+)?)? ?\S*", html.unescape(exact))


def _tracking(client: TestClient, rows: list[dict]) -> str:
    templates = client.app.state.templates
    context = {"t": Messages("zh"), "lang": "zh", "html_lang": "zh-Hans", "lang_switch_href": "/", "count": len(rows),
               "rows": rows, "filters": {}, "verdicts": {}, "verdict_names": [], "regions": [], "indicators": [],
               "chart": None}
    return templates.get_template("tracking.html").render(context)


def test_not_comparable_outcome_is_not_shown_under_the_targets_unit(client: TestClient) -> None:
    base = {"region": "某市", "indicator": "grain_output", "measure": "level", "period": "2020", "unit": "吨",
            "target_value": 5_000_000, "target_bound": "min", "target_report": "r2020", "target_span": [3, 9]}
    row = {**base, "verdict": "not_comparable", "outcome_value": 3.5, "outcome_measure": "growth",
           "outcome_unit": "%", "outcome_report": "r2021", "outcome_span": [5, 8], "gap": None}
    page = _tracking(client, [row])
    cell = re.search(r'<td class="num outcome">(.*?)</td>', page, re.S).group(1)
    assert "吨" not in cell and "3.5%" in cell and Messages("zh").code("measure", "growth") in cell
    assert re.search(r'<td class="num gap">\s*</td>', page)
    assert 'href="/reports/r2020#at-3-9"' in page and 'href="/reports/r2021#at-5-8"' in page  # both evidences
    met = {**base, "verdict": "met", "outcome_value": 5_200_000, "outcome_measure": "level", "outcome_unit": "吨",
           "outcome_report": "r2021", "outcome_span": [5, 8], "gap": 200_000}
    page = _tracking(client, [met])
    assert "520万吨" in page and "20万吨" in page and Messages("zh").code("verdict", "met") in page


def test_outliers_are_flagged_not_drawn_to_scale() -> None:
    assert outliers([5e6, 5.2e6, 4e12, 5.1e6]) == {2}
    assert outliers([7.0, 6.5, 8.0, -2.0]) == set()  # a decline among growth rates is no outlier
    assert outliers([1.0, 1e9]) == set()  # too few to judge
    chart = str(line_chart([Series("目标", "target", [(2019, 5e6), (2020, 5.2e6), (2021, 4e12), (2022, 5.1e6)])],
                           unit="吨", t=Messages("zh")))
    ticks = [t for t in re.findall(r'class="tick"[^>]*>([^<]+)</text>', chart) if "万" in t]
    assert ticks and not any("万亿" in t for t in ticks)  # the axis is the ordinary values'
    assert 'class="pt outlier target"' in chart and "4万亿吨" in chart and "outlier-note" in chart
    bars = str(bar_chart([Bar("甲", "city", 5e6), Bar("乙", "city", 6e6), Bar("丙", "county", 4e12)], unit="吨"))
    assert 'class="break"' in bars and "4万亿吨" in bars and "outlier-note" in bars


def test_compare_has_a_chart_across_levels(client: TestClient, store) -> None:
    from govreport.tracking import compare

    rows = compare(store, 2022, "gdp")
    assert rows
    page = client.get("/compare?year=2022&indicator=gdp").text
    assert 'id="compare-chart"' in page and page.count('<rect class="bar ') >= 1
    payload = client.get("/compare.json?year=2022&indicator=gdp").json()
    assert payload["count"] == len(rows) and payload["pages"] >= 1


def test_the_language_switch_stays_on_the_site() -> None:
    from starlette.requests import Request

    from govreport.web.i18n import context

    scope = {"type": "http", "method": "GET", "path": "//evil.example/x", "raw_path": b"//evil.example/x",
             "query_string": b"q=1", "headers": [], "scheme": "http", "server": ("testserver", 80)}
    switch = context(Request(scope))["lang_switch_href"]
    assert switch == "/evil.example/x?q=1&lang=en"  # a path on this site, never //host
