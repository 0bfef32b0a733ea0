"""API tests: every page and its JSON twin, over a database of the seed reports.

The database also holds one hostile report (script and HTML tags in its text, titles and
names) to show that the server renders untrusted text inert.
"""

from __future__ import annotations

import hashlib
import html
import re
import warnings
from pathlib import Path
from urllib.parse import quote

import pytest
from shared_paths import SHARED

from govreport.model import Bound, DocMeta, Fact, Kind, Measure, Report, Role, Section, Slogan, Span, Task
from govreport.pipeline import extract
from govreport.store import open_store
from govreport.store.ingest import ingest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from govreport.web import create_app
from govreport.web.i18n import Messages

SEED_FILES = sorted((SHARED / "seeds").glob("*.txt"))
EVIL_ID = "evil_report"
EVIL_REGION = "恶意县<svg onload=alert(1)>"
PAYLOADS = ("<script>alert('xss')</script>", '<img src=x onerror="alert(2)">', "<b>粗体</b>")

pytestmark = pytest.mark.skipif(not SEED_FILES, reason=f"no seed reports in {SHARED / 'seeds'}")


def evil_report() -> Report:
    """A report whose every string field carries markup."""
    text = (f"{PAYLOADS[0]}政府工作报告\n一、{PAYLOADS[1]}2021年工作回顾\n"
            f"全县生产总值增长7.5%，“<i>五个振兴</i>”稳步推进。{PAYLOADS[2]}\n"
            "二、2022年主要目标\n地区生产总值增长8%左右，新建高标准农田22万亩。\n")
    at = text.index
    sections = (
        Section("s1", None, 1, "一", f"{PAYLOADS[1]}2021年工作回顾", Role.REVIEW,
                Span(at("一、"), at("二、")), Span(at("一、"), at("\n全县"))),
        Section("s2", None, 1, "二", "2022年主要目标", Role.TARGETS, Span(at("二、"), len(text)),
                Span(at("二、"), at("\n地区"))),
    )
    facts = (
        Fact(Kind.ACTUAL, "2021", "gdp", "全县生产总值<b>", Measure.GROWTH, 7.5, "%", Bound.EXACT,
             Span(at("7.5%"), at("7.5%") + 4), section="s1"),
        Fact(Kind.TARGET, "2022", "gdp", "地区生产总值", Measure.GROWTH, 8, "%", Bound.APPROX,
             Span(at("8%左右"), at("8%左右") + 4), section="s2"),
        Fact(Kind.TARGET, "2022", None, "高标准农田<script>", Measure.LEVEL, 220000, "亩", Bound.EXACT,
             Span(at("22万亩"), at("22万亩") + 4), section="s2"),
    )
    tasks = (Task("新建", "高标准农田</span>", Span(at("新建"), at("22万亩") + 4), 220000, unit="亩"),)
    slogans = (Slogan("五个振兴<i>", 5, Span(at("五个振兴"), at("五个振兴") + 4), quoted=True),)
    doc = DocMeta(id=EVIL_ID, region=EVIL_REGION, province="<b>省</b>", level="county", report_year=2022,
                  title="<script>alert('title')</script>报告", speaker="<i>某</i>")
    return Report(doc, text, sections, facts, tasks, slogans)


def build_web_db(path: Path) -> Path:
    """The seeds plus the hostile report in a new database (shared with the browser tests)."""
    store = open_store(path)
    result = ingest(store, SEED_FILES, jobs=1)
    assert not result.failed, result.failed
    store.write_report(evil_report(), sha256=hashlib.sha256(b"evil").hexdigest())
    store.close()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_web_db(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    with TestClient(create_app(db)) as c:
        yield c


@pytest.fixture(scope="module")
def store(db: Path):
    s = open_store(db, readonly=True)
    yield s
    s.close()


def seed_ids() -> list[str]:
    return [p.stem for p in SEED_FILES]


# -- every page and its twin --------------------------------------------------------------------

PAGES = ["/reports", "/reports?year=2021", "/reports?level=county&partial=0", "/reports?limit=2&offset=2",
         "/regions",
         f"/reports/{SEED_FILES[0].stem if SEED_FILES else 'x'}", f"/reports/{EVIL_ID}",
         "/regions/" + EVIL_REGION, "/tracking", "/tracking?indicator=gdp", "/compare",
         "/compare?year=2022&indicator=gdp", "/search?q=高标准农田", "/search?q=", "/search?q=粮食 产量"]


def _json_twin(path: str) -> str:
    base, _, query = path.partition("?")
    return base + ".json" + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PAGES)
def test_page_and_json_twin(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 200, page.text[:300]
    assert page.headers["content-type"].startswith("text/html")
    assert "<!doctype html>" in page.text and "</html>" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert page.headers["x-content-type-options"] == "nosniff"
    twin = client.get(_json_twin(path))
    assert twin.status_code == 200
    assert twin.headers["content-type"].startswith("application/json")
    payload = twin.json()
    assert isinstance(payload, dict) and payload
    # the page links to its twin
    assert html.escape(_json_twin(path).split("?")[0], quote=True) in page.text


@pytest.mark.parametrize(("path", "status"), [
    ("/reports/no_such_report", 404), ("/reports/no_such_report.json", 404),
    ("/regions/无此地区", 404), ("/regions/无此地区.json", 404),
    ("/reports?year=abc", 400), ("/reports.json?year=abc", 400), ("/compare.json?year=x&indicator=gdp", 400),
    ("/nowhere", 404), ("/static/../app.py", 404),
])
def test_errors(client: TestClient, path: str, status: int) -> None:
    r = client.get(path)
    assert r.status_code == status
    if path.endswith(".json") or ".json?" in path:
        assert r.json()["status"] == status


def test_root_redirects_to_reports(client: TestClient) -> None:
    r = client.get("/", follow_redirects=False)
    assert r.status_code in (302, 307) and r.headers["location"] == "/reports"


# -- reports list and facets ----------------------------------------------------------------------

def test_reports_list_and_facets_match_the_store(client: TestClient, store) -> None:
    payload = client.get("/reports.json").json()
    assert payload["count"] == len(SEED_FILES) + 1 == len(store.list_reports())
    assert {r["id"] for r in payload["reports"]} == {*seed_ids(), EVIL_ID}
    for name in ("province", "level", "report_year", "partial"):
        counts = payload["facets"][name]
        assert sum(c["count"] for c in counts) == payload["count"], name


@pytest.mark.parametrize(("query", "field", "value"), [
    ("year=2022", "report_year", 2022), ("year=2021", "report_year", 2021),
    ("level=county", "level", "county"), ("partial=1", "partial", True), ("partial=0", "partial", False),
])
def test_reports_filters(client: TestClient, store, query: str, field: str, value) -> None:
    payload = client.get(f"/reports.json?{query}").json()
    expected = [r["id"] for r in store.list_reports() if r[field] == value]
    assert [r["id"] for r in payload["reports"]] == expected
    assert payload["count"] == len(expected)
    # each facet is counted over the reports matching the other filters
    for name, counts in payload["facets"].items():
        over = len(store.list_reports()) if name == field else len(expected)
        assert sum(c["count"] for c in counts) == over, name
    page = client.get(f"/reports?{query}").text
    assert f'<span class="count" id="report-count">{len(expected)}</span>' in page
    for rid in expected:
        assert f'href="/reports/{rid}"' in page


def test_reports_list_pages(client: TestClient, store) -> None:
    ids = [r["id"] for r in store.list_reports()]
    seen = []
    url = "/reports?limit=2"
    while url:
        page = client.get(url)
        payload = client.get(url.replace("/reports?", "/reports.json?")).json()
        assert payload["count"] == len(ids) and len(payload["reports"]) <= 2
        seen += [r["id"] for r in payload["reports"]]
        found = re.search(r'<a href="([^"]+)" rel="next">', page.text)
        url = html.unescape(found.group(1)) if found else None
    assert seen == ids


def test_regions_index_lists_every_region(client: TestClient, store) -> None:
    payload = client.get("/regions.json").json()
    regions = {r["region"] for r in store.list_reports() if r["region"]}
    assert {r["region"] for r in payload["regions"]} == regions and payload["count"] == len(regions)
    assert sum(r["reports"] for r in payload["regions"]) == sum(1 for r in store.list_reports() if r["region"])
    page = client.get("/regions").text
    for region in regions:
        assert f'href="/regions/{quote(region)}"' in page


# -- report viewer ---------------------------------------------------------------------------------

@pytest.mark.parametrize("rid", [*seed_ids(), EVIL_ID])
def test_viewer_highlights_every_fact(client: TestClient, store, rid: str) -> None:
    report = store.get_report(rid)
    page = client.get(f"/reports/{rid}").text
    body = re.search(r'<article class="report-text" id="report-text" lang="zh-Hans">(.*?)</article>', page, re.S)
    assert body, "no report text"
    assert html.unescape(re.sub(r"<[^>]+>", "", body.group(1))) == report["text"]
    covered: set[int] = set()
    for css, idx in re.findall(r'class="ann fact (kind-\w+)[^"]*" data-facts="([\d ]+)"', body.group(1)):
        ids = [int(i) for i in idx.split()]
        covered.update(ids)
        assert css == f"kind-{report['facts'][ids[0]]['kind']}"  # coloured by kind
    assert covered == set(range(len(report["facts"])))
    for kind in ("target", "actual", "estimate"):
        n = sum(1 for f in report["facts"] if f["kind"] == kind)
        label = Messages("zh").code("kind", kind)  # the Chinese UI by default: 目标 7
        assert re.search(rf'data-toggle="{kind}"[^>]*>{label} {n}</button>', page), kind
    for s in report["sections"]:
        if s["title"]:
            assert f'href="#sec-{s["id"]}"' in page and f'id="sec-{s["id"]}"' in page
    assert page.count('class="ann slogan') >= (1 if report["slogans"] else 0)
    assert page.count('data-tasks="') >= (1 if report["tasks"] else 0)


@pytest.mark.parametrize("rid", [*seed_ids(), EVIL_ID])
def test_viewer_json_twin_is_the_stored_report(client: TestClient, store, rid: str) -> None:
    got = client.get(f"/reports/{rid}.json").json()["report"]
    names = {k: v["name"] for k, v in store.indicators().items()}
    for fact in got["facts"]:  # the twin adds each indicator's Chinese name
        assert fact.pop("indicator_name") == (names[fact["indicator"]] if fact["indicator"] else None)
    assert got == store.get_report(rid)


def test_a_report_with_script_tags_renders_inert(client: TestClient) -> None:
    for path in (f"/reports/{EVIL_ID}", "/reports", "/regions", "/regions/" + EVIL_REGION, "/search?q=粗体",
                 "/tracking", "/compare?year=2022&indicator=gdp"):
        page = client.get(path).text
        scripts = re.findall(r"<script[^>]*>", page)
        # only our own script elements: external code from /static and inert JSON data
        assert all(s in ('<script src="/static/viewer.js" defer>', '<script src="/static/app.js" defer>',
                         '<script src="/static/review.js" defer>')
                   or s.startswith('<script type="application/json"') for s in scripts), (path, scripts)
        for bad in ("<img", "<svg onload", "<b>", "<i>", "alert('xss')</script>", "onerror=\""):
            assert bad not in page, (path, bad)
    page = client.get(f"/reports/{EVIL_ID}").text
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;" in page
    # JSON data blocks cannot be closed by report text
    for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S):
        assert "<" not in block
    assert "\\u003cscript\\u003e" in page


# -- region, tracking, compare ---------------------------------------------------------------------

def test_region_page_has_series_with_targets_beside_outcomes(client: TestClient) -> None:
    payload = client.get("/regions/" + EVIL_REGION + ".json").json()
    assert payload["region"] == EVIL_REGION
    assert [r["id"] for r in payload["reports"]] == [EVIL_ID]
    gdp = next(s for s in payload["series"] if s["indicator"] == "gdp")
    by_year = {p["year"]: p for p in gdp["points"]}
    assert by_year[2021]["outcome"] == 7.5 and by_year[2022]["target"] == 8
    page = client.get("/regions/" + EVIL_REGION).text
    assert '<svg class="chart"' in page and '<circle class="pt outcome"' in page and '<rect class="pt target"' in page


def test_tracking_rows_and_verdict_filter(client: TestClient, store) -> None:
    from govreport.tracking import track

    rows = client.get("/tracking.json").json()["rows"]
    assert [(r["region"], r["indicator"], r["verdict"]) for r in rows] == \
        [(t.region, t.indicator, t.verdict) for t in track(store)]
    assert any(r["region"] == EVIL_REGION and r["verdict"] == "no_outcome" for r in rows)
    for verdict in {r["verdict"] for r in rows}:
        got = client.get(f"/tracking.json?verdict={verdict}").json()
        assert got["count"] == sum(1 for r in rows if r["verdict"] == verdict) == len(got["rows"])
        assert {r["verdict"] for r in got["rows"]} == {verdict}
    one = client.get("/tracking", params={"region": EVIL_REGION, "indicator": "gdp"}).text
    assert '<table class="list" id="tracking-table">' in one and '<svg class="chart"' in one


def test_compare_lists_the_indicator_across_levels(client: TestClient, store) -> None:
    from govreport.tracking import compare

    payload = client.get("/compare.json?year=2022&indicator=gdp").json()
    expected = [c.to_dict() for c in compare(store, 2022, "gdp")]
    assert [(r["region"], r["value"]) for r in payload["rows"]] == [(c["region"], c["value"]) for c in expected]
    assert any(r["region"] == EVIL_REGION and r["value"] == 8 for r in payload["rows"])
    assert client.get("/compare.json").json()["rows"] == []


# -- search ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["高标准农田", "粮食", "生产总值 增长"])
def test_search_highlights_every_term(client: TestClient, store, query: str) -> None:
    payload = client.get("/search.json", params={"q": query}).json()
    assert payload["count"] == len(store.search(query)) > 0
    page = client.get("/search", params={"q": query}).text
    snippets = re.findall(r'<div class="snippet">(.*?)</div>', page, re.S)
    assert len(snippets) == payload["count"]
    for snip, hit in zip(snippets, payload["hits"], strict=True):
        marked = re.findall(r"<mark>(.*?)</mark>", snip)
        assert marked, snip
        assert all(any(t in m for t in query.split()) or any(m in t for t in query.split()) for m in marked)
        assert "\ue000" not in hit["snippet"] and "\ue001" not in hit["snippet"]
        assert html.unescape(re.sub(r"<[^>]+>", "", snip)) == hit["snippet"]
        start, end = hit["matches"][0]
        assert f'href="/reports/{hit["report_id"]}#at-{start}-{end}"' in page


@pytest.mark.parametrize("filters", [{"year": 2022}, {"level": "county"}, {"year": 2021, "level": "county"}])
def test_search_filters(client: TestClient, store, filters: dict) -> None:
    payload = client.get("/search.json", params={"q": "高标准农田", **filters}).json()
    expected = store.search("高标准农田", **filters)
    assert expected
    assert [(h["report_id"], h["paragraph"]) for h in payload["hits"]] == \
        [(h["report_id"], h["paragraph"]) for h in expected]
    for hit in payload["hits"]:
        assert all(hit["report_year" if k == "year" else k] == v for k, v in filters.items())
    assert payload["filters"] == filters


# -- upload ---------------------------------------------------------------------------------------

def test_upload_paste_shows_the_extraction_without_storing(client: TestClient, db: Path) -> None:
    text = SEED_FILES[1].read_text(encoding="utf-8")
    before = db.stat().st_mtime_ns, len(client.get("/reports.json").json()["reports"])
    page = client.post("/upload", data={"text": text})
    assert page.status_code == 200
    expected = extract(text.encode("utf-8"))
    assert Messages("zh")("report.uploaded") in page.text
    assert page.text.count('data-facts="') >= (1 if expected.facts else 0)
    twin = client.post("/upload.json", data={"text": text}).json()["report"]
    assert twin["text"] == expected.text
    assert len(twin["facts"]) == len(expected.facts)
    named = [f for f in twin["facts"] if f["indicator"]]
    assert named and all(f["indicator_name"] for f in named)
    assert (db.stat().st_mtime_ns, len(client.get("/reports.json").json()["reports"])) == before


def test_upload_file_and_script_is_inert(client: TestClient) -> None:
    seed = SEED_FILES[2].read_text(encoding="utf-8")
    data = ("各位代表：<script>alert(1)</script>我代表<b>政府</b>报告。\n" + seed).encode()
    r = client.post("/upload", files={"file": ("x.txt", data, "text/plain")})
    assert r.status_code == 200
    assert "<script>alert(1)" not in r.text and "<b>" not in r.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert r.text.count('data-facts="') >= len(extract(data).facts) > 0


def test_upload_a_docx_report(client: TestClient) -> None:
    import io

    import docx

    text = SEED_FILES[2].read_text(encoding="utf-8")
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    r = client.post("/upload.json", files={"file": ("新郑.docx", data, "application/octet-stream")})
    assert r.status_code == 200, r.text[:300]
    report = r.json()["report"]
    assert report["doc"]["source"] == "新郑.docx"
    assert len(report["facts"]) == len(extract(data).facts) > 0
    page = client.post("/upload", files={"file": ("新郑.docx", data, "application/octet-stream")})
    assert page.status_code == 200 and page.text.count('data-facts="') >= len(report["facts"])


@pytest.mark.parametrize(("name", "data", "status"), [
    ("picture.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, 415),
    ("report.txt", b"\x89PNG\r\n\x1a\n" + b"0" * 100, 415),  # content, not only the name, is checked
    ("report.pdf", "政府工作报告".encode(), 415),
    ("report.docx", b"not a zip", 415),
    ("report.txt", b"text\x00with nul", 415),
    ("report.exe", b"MZ\x90\x00", 415),
    ("big.txt", "增长".encode() * (3 * 1024 * 1024), 413),  # 18 MB: over the body limit
    ("big.txt", "增长".encode() * (1024 * 1024), 413),  # 6 MB: under the body limit, over the file limit
    ("empty.txt", b"", 400),
])
def test_upload_rejects_bad_files(client: TestClient, name: str, data: bytes, status: int) -> None:
    r = client.post("/upload.json", files={"file": (name, data, "application/octet-stream")})
    assert r.status_code == status, r.text[:200]
    assert r.json()["status"] == status


def test_upload_limits_the_request_body() -> None:
    app = create_app(store=_NoStore(), max_upload=1000)
    with TestClient(app) as c:
        assert c.post("/upload.json", data={"text": "增长" * 100}).status_code == 200
        assert c.post("/upload.json", data={"text": "增长" * 200}).status_code == 413
        r = c.post("/upload", content=b"x" * 200_000, headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413
        assert c.get("/upload.json").json()["max_upload"] == 1000


class _NoStore:
    """The upload page needs no store."""


# -- safety of the store --------------------------------------------------------------------------

def test_server_opens_the_database_read_only(client: TestClient) -> None:
    from govreport.errors import StoreError

    store = client.app.state.store
    assert store.readonly
    with pytest.raises(StoreError):
        store.delete_report(EVIL_ID)
    assert client.get(f"/reports/{EVIL_ID}.json").status_code == 200


@pytest.mark.parametrize("query", ["'; DROP TABLE reports; --", '" OR 1=1 --', "NEAR(a b)", "*", "高标准) OR (1"])
def test_hostile_queries_are_parameters(client: TestClient, query: str) -> None:
    for path in ("/search.json", "/tracking.json", "/reports.json"):
        r = client.get(path, params={"q": query, "region": query, "province": query})
        # taken as literal values: a well-formed answer in which no region of that name matches
        assert r.status_code == 200, r.text[:300]
        assert r.json()["count"] == 0
    assert client.get("/reports.json").json()["count"] == len(SEED_FILES) + 1
