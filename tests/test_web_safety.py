"""Web hardening: bounded parameters (400, never 500), every report id reachable, security
headers on every response (an unhandled exception's 500 included), upload errors as 4xx, and
an upload's extraction in a killable process while the server keeps answering."""

from __future__ import annotations

import hashlib
import html
import re
import threading
import time
import warnings
from pathlib import Path

import pytest
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from govreport.options import Options
from govreport.pipeline import extract
from govreport.store import open_store
from govreport.web import create_app, upload
from govreport.web.pages import report_href

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

TEXT = ("某某县2021年政府工作报告\n一、2020年工作回顾\n全县生产总值增长5%，粮食产量达到10万吨。\n"
        "二、2021年主要目标\n生产总值增长6%左右。\n")
#: ids a path route gets wrong: a .json ending (alone and beside its stem), dots, slashes,
#: percent signs, query and fragment characters, spaces, Chinese, markup
ODD_IDS = ["x", "x.json", "y.json", "..", ".", "a/b", "a/../b", "a//b", "a%2Fb", "100%", "q?x#y",
           "中文 报告", " lead", "<b>&amp;", "/root", "end/"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("websafe") / "s.db"
    with open_store(path) as store:
        for rid in ODD_IDS:
            report = extract(TEXT.replace("某某县", f"某某县{len(rid)}"), Options(doc_id=rid))
            assert report.doc.id == rid
            store.write_report(report, sha256=hashlib.sha256(rid.encode()).hexdigest())
    return path


@pytest.fixture(scope="module")
def client(db: Path):
    with TestClient(create_app(db)) as c:
        yield c


SECURITY = {"content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"}


def _secure(r) -> None:
    assert SECURITY <= set(r.headers), (r.status_code, dict(r.headers))
    assert r.headers["content-security-policy"].startswith("default-src 'self'")


# -- every id reachable ----------------------------------------------------------------------------

@pytest.mark.parametrize("rid", ODD_IDS)
def test_every_report_id_is_reachable_as_html_and_json(client: TestClient, rid: str) -> None:
    page = client.get(report_href(rid))
    assert page.status_code == 200, (rid, report_href(rid), page.text[:200])
    assert f'<dd id="doc-id">{html.escape(rid, quote=False)}</dd>' in page.text
    json_href = report_href(rid, json=True)
    assert f'href="{html.escape(json_href)}"' in page.text  # the page links to its own twin
    twin = client.get(json_href)
    assert twin.status_code == 200 and twin.json()["report"]["doc"]["id"] == rid
    assert client.get("/report.json", params={"id": rid}).json()["report"]["doc"]["id"] == rid


def test_the_list_links_reach_every_report(client: TestClient) -> None:
    page = client.get("/reports").text
    hrefs = [html.unescape(h) for h in re.findall(r'<td><a href="([^"]+)">', page)]
    assert len(hrefs) == len(ODD_IDS)
    reached = set()
    for href in hrefs:
        r = client.get(href)
        assert r.status_code == 200, href
        reached.add(html.unescape(re.search(r'<dd id="doc-id">(.*?)</dd>', r.text).group(1)))
    assert reached == set(ODD_IDS)


def test_json_suffix_is_the_twin_only_when_the_stem_is_a_report(client: TestClient) -> None:
    # "x" and "x.json" are both stored: /reports/x.json is x's twin, x.json is at /report?id=
    assert client.get("/reports/x.json").json()["report"]["doc"]["id"] == "x"
    assert report_href("x.json") == "/report?id=x.json"
    # "y.json" is stored but "y" is not: the path is the id itself
    y = client.get("/reports/y.json")
    assert y.status_code == 200 and '<dd id="doc-id">y.json</dd>' in y.text
    assert client.get("/reports/y.json.json").json()["report"]["doc"]["id"] == "y.json"
    # a slash is part of the id, written plainly or percent-encoded
    for path in ("/reports/a/b", "/reports/a%2Fb", "/reports/a/b.json"):
        r = client.get(path)
        assert r.status_code == 200 and "a/b" in r.text, path
    missing = client.get("/reports/zz.json")
    assert missing.status_code == 404 and missing.json()["status"] == 404
    assert client.get("/report").status_code == 400
    assert client.get("/report.json", params={"id": "nope"}).status_code == 404


# -- parameters -------------------------------------------------------------------------------------

HUGE = "99999999999999999999"
BAD_PARAMS = [
    ("/reports", {"year": HUGE}), ("/reports", {"report_year": HUGE}), ("/reports", {"year": "abc"}),
    ("/reports", {"year": "１２"}), ("/reports", {"year": "2021.5"}), ("/reports", {"year": "0x7e5"}),
    ("/reports", {"limit": "-1"}), ("/reports", {"limit": "0"}), ("/reports", {"limit": HUGE}),
    ("/reports", {"offset": "-1"}), ("/reports", {"offset": HUGE}),
    ("/search", {"q": "生产总值", "year": HUGE}), ("/search", {"q": "生产总值", "limit": "-1"}),
    ("/search", {"q": "生产总值", "limit": "100000"}), ("/search", {"q": "生产总值", "limit": "1e3"}),
    ("/compare", {"year": HUGE, "indicator": "gdp"}), ("/compare", {"year": "-1", "indicator": "gdp"}),
    ("/compare", {"year": "x" * 5000, "indicator": "gdp"}),
]


@pytest.mark.parametrize(("path", "params"), BAD_PARAMS)
def test_bad_int_parameters_are_400_with_a_message(client: TestClient, path: str, params: dict) -> None:
    name = next(k for k in params if k not in ("q", "indicator"))
    page = client.get(path, params=params)
    assert page.status_code == 400, page.text[:300]
    assert f"{name.replace('report_', '')} must be" in html.unescape(page.text)  # the message is shown
    _secure(page)
    twin = client.get(path + ".json", params=params)
    assert twin.status_code == 400
    body = twin.json()
    assert body["status"] == 400 and name.replace("report_", "") in body["error"] and len(body["error"]) < 200


def test_good_int_parameters_still_work(client: TestClient) -> None:
    assert client.get("/reports.json", params={"year": "2021", "limit": "3", "offset": "1"}).json()["limit"] == 3
    hits = client.get("/search.json", params={"q": "生产总值", "limit": "2"}).json()
    assert len(hits["hits"]) == 2 and hits["per_page"] == 2  # the limit is applied, not lifted
    assert hits["count"] >= 2 and hits["pages"] == -(-hits["count"] // 2)  # count: every hit
    assert client.get("/search.json", params={"q": "生产总值", "limit": "200"}).status_code == 200
    assert client.get("/compare.json", params={"year": " 2021 ", "indicator": "gdp"}).status_code == 200


# -- headers on every response ---------------------------------------------------------------------

def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for r in (client.get("/reports"), client.get("/nowhere"), client.get("/reports.json?year=x"),
              client.post("/reports"), client.get("/static/style.css"), client.get("/"),
              client.post("/upload.json", content=b"", headers={"content-type": "multipart/form-data; boundary=b"})):
        _secure(r)


def test_the_body_limit_answer_carries_the_security_headers() -> None:
    with TestClient(create_app(store=_NoStore(), max_upload=1000)) as c:
        for path in ("/upload", "/upload.json"):
            r = c.post(path, content=b"x" * 200_000, headers={"content-type": "multipart/form-data; boundary=b"})
            assert r.status_code == 413
            _secure(r)


def test_an_unhandled_exception_is_a_500_with_headers_and_no_traceback(db: Path) -> None:
    def boom(request: Request) -> Response:
        raise RuntimeError("secret internal detail")

    app = create_app(db)
    app.router.routes.insert(0, Route("/boom", boom))  # only in this test
    app.router.routes.insert(0, Route("/boom.json", boom))
    with TestClient(app, raise_server_exceptions=False) as c:
        page = c.get("/boom")
        assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
        assert "secret internal detail" not in page.text and "Traceback" not in page.text
        _secure(page)
        twin = c.get("/boom.json")
        assert twin.status_code == 500 and twin.json() == {"error": "Internal error", "status": 500}
        _secure(twin)
        assert c.get("/reports.json").status_code == 200  # the server goes on


# -- upload errors ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("kwargs", "status"), [
    ({"content": b""}, 400),  # no body at all
    ({"content": b"", "headers": {"content-type": "multipart/form-data; boundary=b"}}, 400),
    ({"content": b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nabc",
      "headers": {"content-type": "multipart/form-data; boundary=b"}}, 400),  # truncated multipart
    ({"content": b"--b\r\n\r\n", "headers": {"content-type": "multipart/form-data"}}, 400),  # no boundary
    ({"content": b"text=%FF%FE%FD", "headers": {"content-type": "application/x-www-form-urlencoded"}}, 400),
    ({"content": b'{"text": "x"}', "headers": {"content-type": "application/json"}}, 400),
    ({"files": {"file": ("r.txt", bytes(range(128, 256)) * 50, "text/plain")}}, 400),  # undecodable
    ({"files": {"file": ("r.txt", b"   \n\t ", "text/plain")}}, 400),  # blank
    ({"files": {"file": ("r.bin", b"abc", "application/octet-stream")}}, 415),
    ({"files": {"file": ("r.txt", b"x" * (6 * 1024 * 1024), "text/plain")}}, 413),
])
def test_upload_errors_are_4xx_with_a_message(client: TestClient, kwargs: dict, status: int) -> None:
    for path in ("/upload.json", "/upload"):
        r = client.post(path, **kwargs)
        assert r.status_code == status, (path, r.text[:300])
        _secure(r)
        if path.endswith(".json"):
            assert r.json()["status"] == status and r.json()["error"]


# -- the extraction runs in a killable process ------------------------------------------------------

def _slow_extract(data: bytes, options: Options) -> dict:
    time.sleep(60)
    return {}


def _dying_extract(data: bytes, options: Options) -> dict:
    import os

    os._exit(3)


class _NoStore:
    """The upload pages need no store."""


def test_a_normal_upload_runs_in_a_worker_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    pids = []
    real = upload._extract_target

    def recording(data: bytes, options: Options) -> dict:
        pids.append(os.getpid())  # runs in the child, so the parent's list stays empty
        return real(data, options)

    monkeypatch.setattr(upload, "_extract_target", recording)
    with TestClient(create_app(store=_NoStore())) as c:
        r = c.post("/upload.json", data={"text": TEXT})
    assert r.status_code == 200
    assert len(r.json()["report"]["facts"]) == len(extract(TEXT.encode()).facts) > 0
    assert pids == []


def test_a_slow_extraction_is_killed_with_422_while_other_requests_are_served(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing

    monkeypatch.setattr(upload, "_extract_target", _slow_extract)  # the forked worker runs this
    app = create_app(store=_NoStore(), upload_timeout=2.0)
    results: dict[str, object] = {}
    with TestClient(app) as c:
        def post() -> None:
            started = time.monotonic()
            results["upload"] = c.post("/upload.json", data={"text": TEXT})
            results["upload_seconds"] = time.monotonic() - started

        worker = threading.Thread(target=post)
        worker.start()
        time.sleep(0.3)
        started = time.monotonic()
        other = c.get("/upload.json")  # answered while the upload is being extracted
        other_seconds = time.monotonic() - started
        assert worker.is_alive(), "the upload should still be running"
        worker.join(30)
    assert other.status_code == 200 and other_seconds < 1.5
    upload_response = results["upload"]
    assert upload_response.status_code == 422 and "too long" in upload_response.json()["error"]
    assert 2.0 <= results["upload_seconds"] < 10  # stopped at the limit, not after the 60 s sleep
    assert multiprocessing.active_children() == []  # the worker was killed and reaped


def test_a_worker_that_dies_is_a_422(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(upload, "_extract_target", _dying_extract)
    with TestClient(create_app(store=_NoStore())) as c:
        r = c.post("/upload.json", data={"text": TEXT})
    assert r.status_code == 422 and "without a result" in r.json()["error"]


def test_the_server_reads_a_database_in_a_folder_it_cannot_write(db: Path, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import shutil

    import govreport.store.db as db_module

    folder = tmp_path / "readonly"
    folder.mkdir()
    copy = folder / "s.db"
    shutil.copy(db, copy)
    real_access = os.access
    # root may write anywhere, so the folder's mode alone cannot show it: answer for the folder
    # what os.access answers an unprivileged server user there
    monkeypatch.setattr(db_module.os, "access",
                        lambda p, mode, *a, **k: False if str(p) == str(folder) and mode & os.W_OK
                        else real_access(p, mode, *a, **k))
    with TestClient(create_app(copy)) as c:
        assert c.app.state.store.immutable
        assert c.get("/reports.json").json()["count"] == len(ODD_IDS)
        assert c.get("/search.json", params={"q": "生产总值"}).json()["count"] > 0
    assert [p.name for p in folder.iterdir()] == ["s.db"]  # no -wal or -shm was needed
