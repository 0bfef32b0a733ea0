"""End to end in headless Chromium: open a seed report, click a fact, filter, search, upload.

Screenshots go to test-output/e2e/ (gitignored).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govreport.readable import exact, readable
from govreport.store import open_store
from govreport.web.i18n import Messages

SEED_FILES = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("*.txt"))

pytestmark = pytest.mark.browser

PANEL_FIELDS = ("kind", "indicator", "measure", "value", "bound", "period")


def _seed_with_facts(db: Path) -> dict:
    """The seed report with the most facts, as stored."""
    store = open_store(db, readonly=True)
    try:
        best = max((r for r in store.list_reports() if r["id"] in {p.stem for p in SEED_FILES}),
                   key=lambda r: r["n_facts"])
        return store.get_report(best["id"])
    finally:
        store.close()


ZH = Messages("zh")


def _value_text(fact: dict) -> str:
    """The value as the panel shows it: as a report writes it (171.4亿元)."""
    return readable(fact["value"], fact["unit"], fact.get("value_max"))


def test_open_a_seed_report_and_click_a_fact(page, e2e_db: Path, shots: Path) -> None:
    report = _seed_with_facts(e2e_db)
    assert report["facts"], "the seed reports should yield facts"
    page.goto(f"/reports/{report['doc']['id']}")
    marks = page.locator("#report-text .ann.fact")
    assert marks.count() >= len(report["facts"])
    assert page.locator("#fact-panel").is_hidden()
    # click a target (or else the first fact) and read the panel
    kinds = [f["kind"] for f in report["facts"]]
    index = kinds.index("target") if "target" in kinds else 0
    fact = report["facts"][index]
    el = page.locator(f'#report-text .ann.fact[data-facts~="{index}"]').first
    el.scroll_into_view_if_needed()
    el.click()
    panel = page.locator("#fact-panel")
    panel.wait_for(state="visible")
    expected = {"kind": ZH.code("kind", fact["kind"]), "indicator": fact["indicator"] or "—",
                "measure": ZH.code("measure", fact["measure"]), "value": _value_text(fact),
                "bound": ZH.code("bound", fact["bound"]), "period": fact["period"] or "—"}
    shown = {name: page.locator(f"#fp-{name}").inner_text().strip() for name in PANEL_FIELDS}
    if len(el.get_attribute("data-facts").split()) == 1:  # the exact canonical value on hover
        assert page.locator("#fp-value").get_attribute("title") == exact(fact["value"], fact["unit"],
                                                                         fact.get("value_max"))
    if fact["indicator"] and shown["indicator"].startswith(fact["indicator"] + " ("):
        shown["indicator"] = fact["indicator"]  # shown with its Chinese name
    # a piece shared by several facts cycles through them: the panel shows one of them
    shared = el.get_attribute("data-facts").split()
    if len(shared) == 1:
        assert shown == expected
    else:
        assert shown["kind"] in {report["facts"][int(i)]["kind"] for i in shared}
    words = report["text"][fact["span"][0]:fact["span"][1]]
    if len(shared) == 1:
        assert page.locator("#fp-evidence").inner_text() == words
    assert "selected" in (el.get_attribute("class") or "")
    # the highlight's colour comes from its kind
    colour = el.evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=str(shots / "viewer.png"))
    # the outline jumps to a section
    links = page.locator("nav.outline a")
    if links.count():
        href = links.first.get_attribute("href")
        links.first.click()
        assert page.url.endswith(href)
    assert not page.errors, page.errors


def test_keyboard_opens_a_fact(page, e2e_db: Path) -> None:
    report = _seed_with_facts(e2e_db)
    page.goto(f"/reports/{report['doc']['id']}")
    first = page.locator("#report-text .ann.fact").first
    first.focus()
    page.keyboard.press("Enter")
    assert page.locator("#fact-panel").is_visible()
    assert page.locator("#fp-kind").inner_text() in {ZH.code("kind", k) for k in ("target", "actual", "estimate")}


def test_legend_hides_and_shows_a_kind(page, e2e_db: Path) -> None:
    report = _seed_with_facts(e2e_db)
    kind = report["facts"][0]["kind"]
    page.goto(f"/reports/{report['doc']['id']}")
    mark = page.locator(f"#report-text .ann.fact.kind-{kind}").first
    colour = "e => getComputedStyle(e).backgroundColor"
    shown = mark.evaluate(colour)
    assert shown != "rgba(0, 0, 0, 0)"
    toggle = page.locator(f'#legend [data-toggle="{kind}"]')
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "false"
    assert mark.evaluate(colour) == "rgba(0, 0, 0, 0)"
    toggle.click()
    assert mark.evaluate(colour) == shown


def test_filter_the_report_list(page, e2e_db: Path, shots: Path) -> None:
    store = open_store(e2e_db, readonly=True)
    reports = store.list_reports()
    store.close()
    page.goto("/reports")
    assert page.locator("#reports-table tbody tr").count() == len(reports)
    year = next(r["report_year"] for r in reports if r["report_year"])
    expected = sum(1 for r in reports if r["report_year"] == year)
    with page.expect_navigation():
        page.select_option("#f-year", str(year))  # the select submits the form itself
    assert re.search(rf"[?&]year={year}\b", page.url)
    assert "province=" not in page.url  # empty filters are left out of the URL
    rows = page.locator("#reports-table tbody tr")
    assert rows.count() == expected
    assert page.locator("#report-count").inner_text() == str(expected)
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").nth(4).inner_text() == str(year)
    page.screenshot(path=str(shots / "reports-filtered.png"), full_page=True)


def test_search_shows_highlighted_snippets(page, shots: Path) -> None:
    page.goto("/search")
    page.fill("#search-form input[name=q]", "高标准农田")
    with page.expect_navigation():
        page.press("#search-form input[name=q]", "Enter")
    hits = page.locator("#hits > li")
    assert hits.count() > 0
    marks = page.locator("#hits mark")
    assert marks.count() >= hits.count()
    assert {marks.nth(i).inner_text() for i in range(marks.count())} == {"高标准农田"}
    page.screenshot(path=str(shots / "search.png"), full_page=True)
    # a hit opens its report at the matched words
    with page.expect_navigation():
        hits.first.locator("a").first.click()
    assert re.search(r"#at-\d+-\d+$", page.url)
    # the viewer selects the matched words
    assert page.evaluate("() => window.getSelection().toString()") == "高标准农田"
    assert not page.errors, page.errors


def test_hostile_report_is_inert_in_the_browser(page, shots: Path) -> None:
    from test_web_app import EVIL_ID

    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(f"/reports/{EVIL_ID}")
    text = page.locator("#report-text").inner_text()
    assert "<script>alert('xss')</script>" in text and '<img src=x onerror="alert(2)">' in text
    assert page.locator("#report-text script, #report-text img, #report-text b").count() == 0
    page.locator('#report-text .ann.fact[data-facts~="2"]').first.click()
    assert page.locator("#fp-indicator-text").inner_text() == "高标准农田<script>"
    page.wait_for_timeout(200)
    assert dialogs == []
    assert not page.errors, page.errors
    page.screenshot(path=str(shots / "hostile.png"))


def test_upload_pasted_text(page, shots: Path) -> None:
    text = SEED_FILES[2].read_text(encoding="utf-8")
    page.goto("/upload")
    page.fill("#upload-form textarea", text)
    with page.expect_navigation():
        page.click("#upload-form button")
    assert page.locator(".notice").inner_text() == ZH("report.uploaded")
    assert page.locator("#report-text .ann.fact").count() > 0
    page.locator("#report-text .ann.fact").first.click()
    assert page.locator("#fact-panel").is_visible()
    page.screenshot(path=str(shots / "upload.png"))


def test_region_and_tracking_charts(page, shots: Path) -> None:
    from test_web_app import EVIL_REGION

    page.goto("/tracking")
    assert page.locator("#tracking-table tbody tr").count() > 0
    with page.expect_navigation():
        page.select_option("select[name=region]", EVIL_REGION)
    with page.expect_navigation():
        page.select_option("select[name=indicator]", "gdp")
    assert page.locator(".chart-box svg.chart").count() == 1
    page.screenshot(path=str(shots / "tracking.png"), full_page=True)
    # the target opens its report with the target's words selected
    with page.expect_navigation():
        page.locator("#tracking-table tbody tr").first.locator("td").nth(4).locator("a").click()
    assert page.evaluate("() => window.getSelection().toString()") == "8%左右"
    page.go_back()
    page.locator("#tracking-table a").first.click()
    page.wait_for_load_state()
    assert page.locator("svg.chart").count() >= 1
    page.screenshot(path=str(shots / "region.png"), full_page=True)
    assert not page.errors, page.errors  # no script error, no CSP violation
