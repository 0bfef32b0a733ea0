"""Review in headless Chromium: a reader corrects a fact, marks one wrong and adds a missed one
by selecting words in the viewer; the corrections show in the viewer, in /tracking, in the
exports, and again after the report is re-ingested.

A server of its own (``serve --review`` on 127.0.0.1) over a fresh copy of the bundled example.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import _free_port, _require_browser

from govreport.export import export
from govreport.store import open_store
from govreport.store.ingest import ingest

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "govreport" / "examples" / "pingdingshan_2020.txt"
RID = EXAMPLE.stem


@pytest.fixture(scope="module")
def review_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path, Path]]:
    """(base URL, database, source file) of a review-mode server."""
    _require_browser()
    import uvicorn

    from govreport.web import create_app

    root = tmp_path_factory.mktemp("review-e2e")
    src = root / "src" / EXAMPLE.name
    src.parent.mkdir()
    shutil.copy(EXAMPLE, src)
    db = root / "review.db"
    with open_store(db) as store:
        assert not ingest(store, [src], jobs=1).failed
    port = _free_port()
    config = uvicorn.Config(create_app(db, review_mode=True), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", db, src
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture()
def review_page(browser, review_site):
    """A page on the review server, in the session's Chromium (conftest.py)."""
    base, _, _ = review_site
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=base, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.errors = errors
    yield page
    context.close()


SELECT = """([start, end]) => {
  const text = document.getElementById("report-text");
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  let pos = 0, node, a = null, b = null;
  while ((node = walker.nextNode())) {
    const len = node.nodeValue.length;
    if (!a && pos + len > start) { a = [node, start - pos]; }
    if (!b && pos + len >= end) { b = [node, end - pos]; break; }
    pos += len;
  }
  const range = document.createRange();
  range.setStart(a[0], a[1]);
  range.setEnd(b[0], b[1]);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  a[0].parentNode.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def _facts(db: Path) -> list[dict]:
    with open_store(db, readonly=True) as store:
        return store.get_report(RID)["facts"]


def test_a_correction_made_in_the_viewer_is_kept_everywhere(review_page, review_site, shots: Path,
                                                             tmp_path: Path) -> None:
    page = review_page
    _, db, src = review_site
    facts = _facts(db)
    target = next(i for i, f in enumerate(facts) if f["kind"] == "target" and f["indicator"] == "gdp")
    other = next(i for i, f in enumerate(facts) if f["kind"] == "target" and f["indicator"] not in (None, "gdp"))
    new_value = facts[target]["value"] + 0.5
    page.goto(f"/reports/{RID}")
    with open_store(db, readonly=True) as store:
        text = store.report_text(RID)
    assert page.evaluate("document.getElementById('report-text').textContent") == text
    assert page.locator("#rv-list .rv-count").inner_text() == "0"

    # 1. correct the value of the GDP target
    mark = page.locator(f'#report-text .ann.fact[data-facts~="{target}"]').first
    mark.scroll_into_view_if_needed()
    for _ in range(len((mark.get_attribute("data-facts") or "").split())):  # cycle to this fact
        mark.click()
        if page.locator("#fact-panel").get_attribute("data-fact") == str(target):
            break
    page.locator("#review-panel").wait_for(state="visible")
    assert page.locator("#rv-edit-value").input_value() == f"{facts[target]['value']:g}"
    page.fill("#rv-who-name", "王审校")
    page.fill("#rv-why", "与原文核对")
    page.fill("#rv-edit-value", f"{new_value:g}")
    with page.expect_navigation():
        page.click("#rv-save")
    page.locator("#rv-list .rv-item").first.wait_for()
    assert page.locator("#rv-list .rv-count").inner_text() == "1"
    item = page.locator("#rv-list .rv-item").first.inner_text()
    assert "王审校" in item and "与原文核对" in item
    assert "rv-corrected" in (page.locator(f'#report-text .ann.fact[data-facts~="{target}"]').first
                              .get_attribute("class") or "")
    assert page.input_value("#rv-who-name") == "王审校"  # remembered for the next correction

    # 2. mark another target wrong
    mark = page.locator(f'#report-text .ann.fact[data-facts~="{other}"]').first
    mark.scroll_into_view_if_needed()
    for _ in range(len((mark.get_attribute("data-facts") or "").split())):
        mark.click()
        if page.locator("#fact-panel").get_attribute("data-fact") == str(other):
            break
    page.fill("#rv-why", "不是目标")
    with page.expect_navigation():
        page.click("#rv-mark-wrong")
    page.locator("#report-text .ann.fact.rv-wrong").first.wait_for()

    # 3. add a missed fact by selecting words (outside any fact)
    covered = [tuple(f["span"]) for f in facts]
    start = next(i for i in range(len(text) - 4) if text[i:i + 2] == "粮食"
                 and all(not (a < i + 4 and i < b) for a, b in covered))
    page.evaluate(SELECT, [start, start + 4])
    page.locator("#rv-add").wait_for(state="visible")
    assert page.locator("#rv-add-words").inner_text() == text[start:start + 4]
    page.select_option("#rv-add-kind", "actual")
    page.fill("#rv-add-value", "3")
    page.fill("#rv-add-unit", "吨")
    page.fill("#rv-why", "漏提")
    page.screenshot(path=str(shots / "review-add.png"))
    with page.expect_navigation():
        page.click("#rv-add-save")
    page.locator("#report-text .ann.fact.rv-added").first.wait_for()
    assert page.locator("#rv-list .rv-count").inner_text() == "3"
    page.screenshot(path=str(shots / "review.png"))
    assert not page.errors, page.errors

    # in /tracking: the corrected target, said to be corrected; the wrong one gone
    page.goto("/tracking?indicator=gdp")
    row = page.locator("#tracking-table tbody tr", has_text="✎ 目标").first
    assert f"{new_value:g}" in row.inner_text()
    wrong_indicator = facts[other]["indicator"]
    with open_store(db, readonly=True) as store:
        from govreport.tracking import track

        rows = [r for r in track(store) if r.target_report == RID]
        assert not [r for r in rows if r.indicator == wrong_indicator and list(r.target_span or ()) ==
                    facts[other]["span"]]
        # in the exports (facts and tracked targets), with the column saying it was corrected
        export(store, "csv", tmp_path / "facts.csv")
        export(store, "csv", tmp_path / "track.csv", track_targets=True)
        export(store, "csv", tmp_path / "panel.csv", table="panel")
    panel = pd.read_csv(tmp_path / "panel.csv", dtype={"period": str})
    cell = panel[(panel["indicator"] == "gdp") & (panel["kind"] == "target") & (panel["report_id"] == RID)
                 & (panel["span_start"] == facts[target]["span"][0])]
    assert cell[["value", "corrected"]].values.tolist() == [[new_value, True]]  # the panel's cell too
    df = pd.read_csv(tmp_path / "facts.csv")
    got = df[(df["span_start"] == facts[target]["span"][0]) & (df["indicator"] == "gdp")]
    assert got[["value", "corrected"]].values.tolist() == [[new_value, 1]]
    assert len(df[df["corrected"] == 1]) == 2  # the edit and the added fact
    tr = pd.read_csv(tmp_path / "track.csv")
    assert tr[(tr["indicator"] == "gdp") & (tr["target_corrected"] == 1)]["target_value"].tolist() == [new_value]

    # re-ingest the report (deleted and ingested again from its file): the corrections still apply
    with open_store(db) as store:
        store.delete_report(RID)
        assert ingest(store, [src], jobs=1).added == [RID]
    page.goto(f"/reports/{RID}")
    assert page.locator("#rv-list .rv-count").inner_text() == "3"
    for cls in ("rv-corrected", "rv-wrong", "rv-added"):
        assert page.locator(f"#report-text .ann.fact.{cls}").count() >= 1, cls
    page.goto("/tracking?indicator=gdp")
    assert f"{new_value:g}" in page.locator("#tracking-table tbody tr", has_text="✎ 目标").first.inner_text()

    # the fact marked wrong, saved unchanged, is taken back
    page.goto(f"/reports/{RID}")
    mark = page.locator(f'#report-text .ann.fact[data-facts~="{other}"]').first
    assert "rv-wrong" in (mark.get_attribute("class") or "")
    mark.scroll_into_view_if_needed()
    for _ in range(len((mark.get_attribute("data-facts") or "").split())):
        mark.click()
        if page.locator("#fact-panel").get_attribute("data-fact") == str(other):
            break
    assert page.locator("#rv-mark-wrong").is_hidden()
    with page.expect_navigation():
        page.click("#rv-save")
    page.locator("#rv-list .rv-item").nth(3).wait_for()
    mark = page.locator(f'#report-text .ann.fact[data-facts~="{other}"]').first
    assert "rv-wrong" not in (mark.get_attribute("class") or "")
    assert "rv-corrected" in (mark.get_attribute("class") or "")
    assert not page.errors, page.errors
