"""The interface as a reader of Chinese meets it, in headless Chromium: Chinese by default and
English on request, paging through every hit of a search on the corpus, a 420 px screen.

With GOVREPORT_DOCS_SHOTS=1 the screenshots of the README (viewer, tracking, compare, a region
page; Chinese UI) are written to docs/; otherwise under test-output/e2e/.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from govreport.store import open_store
from govreport.web.i18n import Messages

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs"
ZH, EN = Messages("zh"), Messages("en")
NAV = ("reports", "regions", "tracking", "compare", "search", "upload")


def _shot_dir(shots: Path) -> Path:
    return DOCS if os.environ.get("GOVREPORT_DOCS_SHOTS") == "1" else shots


@pytest.fixture()
def corpus_page(browser, corpus_server: str):
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=corpus_server,
                                  locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors
    yield pg
    context.close()


def _nav_texts(page) -> list[str]:
    return [t.strip() for t in page.locator("header nav.main-nav a").all_inner_texts()]


def test_chinese_by_default_and_english_on_request(page) -> None:
    page.goto("/reports")
    assert _nav_texts(page) == [ZH(f"nav.{k}") for k in NAV]
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator("h1").first.inner_text().startswith(ZH("reports.title"))
    page.goto("/tracking?lang=en")
    assert _nav_texts(page) == [EN(f"nav.{k}") for k in NAV]
    assert page.locator("html").get_attribute("lang") == "en"
    # the choice stays on the next page (a cookie), and the switch goes back to Chinese
    with page.expect_navigation():
        page.locator("header nav.main-nav a", has_text=EN("nav.regions")).click()
    assert page.locator("h1").first.inner_text().startswith(EN("regions.title"))
    with page.expect_navigation():
        page.locator("header .lang-switch").click()
    assert _nav_texts(page) == [ZH(f"nav.{k}") for k in NAV]
    assert not page.errors, page.errors


@pytest.mark.parametrize(("locale", "lang"), [("fr-FR", "zh"), ("en-US", "en"), ("zh-TW", "zh")])
def test_the_browsers_language_decides_without_a_choice(browser, server: str, locale: str, lang: str) -> None:
    context = browser.new_context(base_url=server, locale=locale)
    try:
        page = context.new_page()
        page.goto("/reports")
        assert _nav_texts(page) == [Messages(lang)(f"nav.{k}") for k in NAV]
    finally:
        context.close()


def test_page_through_every_hit_on_the_corpus(corpus_page, corpus_db: Path, shots: Path) -> None:
    query = "高标准农田"
    with open_store(corpus_db, readonly=True) as store:
        expected = [(h["report_id"], h["paragraph"]) for h in store.search(query, limit=10**6)]
    assert len(expected) > 20, "the corpus should have several pages of hits"
    page = corpus_page
    page.goto("/search")
    page.fill("#search-form input[name=q]", query)
    with page.expect_navigation():
        page.press("#search-form input[name=q]", "Enter")
    assert page.locator("#hit-count").inner_text() == ZH("search.hits", query=query, count=len(expected))
    seen: list[tuple[str, int]] = []
    numbers: list[int] = []
    while True:
        items = page.locator("#hits > li")
        numbers += [int(n) for n in page.locator("#hits").evaluate(
            "ol => Array.from(ol.children).map((li, i) => ol.start + i)")]
        for i in range(items.count()):
            href = items.nth(i).locator("a").first.get_attribute("href")
            seen.append(href)
        assert page.locator("#hits mark").count() >= items.count()
        nxt = page.locator('.pager a[rel="next"]')
        if not nxt.count():
            break
        with page.expect_navigation():
            nxt.first.click()
    assert len(seen) == len(expected) and numbers == list(range(1, len(expected) + 1))
    assert len(set(seen)) == len(seen)  # every hit once: none repeated across pages
    assert page.locator(".pager .current").inner_text() == str(-(-len(expected) // 20))
    page.screenshot(path=str(shots / "search-last-page.png"), full_page=True)
    assert not page.errors, page.errors


@pytest.mark.parametrize("path", ["/reports", "/regions", "/tracking", "/search?q=高标准农田", "/compare?year=2022&indicator=gdp", "/upload"])
def test_every_nav_link_is_on_a_420px_screen(browser, server: str, path: str, shots: Path) -> None:
    context = browser.new_context(viewport={"width": 420, "height": 900}, base_url=server, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(path)
        links = page.locator("header nav.main-nav a")
        assert links.count() == len(NAV)
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 420, (i, box)
            assert box["y"] >= 0 and box["y"] + box["height"] <= 900, (i, box)
        # nothing makes the page wider than the screen (tables scroll in their own box)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
        page.screenshot(path=str(shots / f"narrow-{re.sub(r'[^a-z]+', '', path)}.png"))
    finally:
        context.close()


def test_viewer_on_a_420px_screen(browser, server: str, e2e_db: Path, shots: Path) -> None:
    with open_store(e2e_db, readonly=True) as store:
        rid = max(store.list_reports(), key=lambda r: r["n_facts"])["id"]
    context = browser.new_context(viewport={"width": 420, "height": 900}, base_url=server, locale="zh-CN")
    page = context.new_page()
    try:
        page.goto(f"/reports/{rid}")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 420
        text = page.locator("#report-text").bounding_box()
        assert text and text["x"] >= 0 and text["x"] + text["width"] <= 420
        mark = page.locator("#report-text .ann.fact").first
        mark.scroll_into_view_if_needed()
        mark.click()
        panel = page.locator("#fact-panel")
        panel.wait_for(state="visible")
        box = panel.bounding_box()  # on screen beside the clicked words, not after the whole text
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 420
        assert box["y"] >= 0 and box["y"] + box["height"] <= 900, box
        page.screenshot(path=str(shots / "narrow-viewer.png"))
        page.locator("#report-text").click(position={"x": 2, "y": 2})  # plain text: the sheet closes
        assert panel.is_hidden()
    finally:
        context.close()


def test_screenshots_for_the_readme(corpus_page, corpus_db: Path, shots: Path) -> None:
    """Viewer, tracking, compare and a region page in the Chinese UI, with readable numbers."""
    out = _shot_dir(shots)
    page = corpus_page
    with open_store(corpus_db, readonly=True) as store:
        reports = store.list_reports()
        national = max((r for r in reports if r["level"] == "national"), key=lambda r: r["report_year"] or 0)
        region_counts: dict[str, int] = {}
        for r in reports:
            if r["region"]:
                region_counts[r["region"]] = region_counts.get(r["region"], 0) + 1
    page.goto(f"/reports/{national['id']}")
    mark = page.locator("#report-text .ann.fact.kind-target").first
    mark.scroll_into_view_if_needed()
    mark.click()
    assert "亿" in page.locator("#report-text").inner_text()
    page.screenshot(path=str(out / "screenshot-viewer.png"))
    page.goto("/tracking?region=全国&indicator=gdp")
    assert page.locator("#tracking-table th").first.inner_text() == ZH("col.region")
    page.screenshot(path=str(out / "screenshot-tracking.png"), full_page=True)
    years: dict[int, int] = {}
    for r in reports:
        if r["report_year"]:
            years[r["report_year"]] = years.get(r["report_year"], 0) + 1
    year = max(years, key=years.get)  # the year most reports are of: the most levels to compare
    page.goto(f"/compare?year={year}&indicator=gdp")
    assert page.locator("#compare-chart svg").count() == 1
    page.screenshot(path=str(out / "screenshot-compare.png"), full_page=True)
    region = max(region_counts, key=region_counts.get)  # the region with the most years
    page.goto(f"/regions/{region}")
    assert page.locator("svg.chart").count() >= 1
    page.set_viewport_size({"width": 1440, "height": 1400})
    page.screenshot(path=str(out / "screenshot-region.png"))
    assert not page.errors, page.errors
