"""Review mode in the web app (TestClient): off by default (403, and the database stays
read-only), loopback-only without a token, the token when given, CSRF and origin checks, and
a correction shown in the viewer and applied in /tracking."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from govreport.cli import cli
from govreport.store import open_store
from govreport.store.ingest import ingest
from govreport.web import create_app

EXAMPLE = Path(__file__).resolve().parents[1] / "govreport" / "examples" / "pingdingshan_2020.txt"
LOCAL = ("127.0.0.1", 50000)
TOKEN = "s3cret-review-token"


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "r.db"
    with open_store(path) as store:
        assert not ingest(store, [EXAMPLE], jobs=1).failed
    return path


def _target(db: Path) -> dict:
    with open_store(db, readonly=True) as store:
        return next(f for f in store.facts(kind="target") if f["indicator"] == "gdp")


def _review_data(client: TestClient, rid: str) -> dict:
    page = client.get(f"/reports/{rid}").text
    m = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', page, re.S)
    assert m, "the viewer has no review data"
    return json.loads(m.group(1))


def _edit(fact: dict, **extra) -> dict:
    return {"report_id": fact["report_id"], "action": "edit", "start": fact["span"][0], "end": fact["span"][1],
            "indicator": fact["indicator"], "fields": {"value": 6.5}, "who": "审校员", "why": "核对原文", **extra}


def test_review_is_off_by_default(db: Path) -> None:
    fact = _target(db)
    with TestClient(create_app(db), client=LOCAL) as client:
        data = _review_data(client, fact["report_id"])
        assert data["enabled"] is False and data["csrf"] is None
        page = client.get(f"/reports/{fact['report_id']}").text
        assert 'id="rv-edit"' not in page and 'id="rv-add"' not in page
        r = client.post("/review/corrections", json=_edit(fact))
        assert r.status_code == 403 and "--review" in r.json()["error"]
        assert client.post(f"/reports/{fact['report_id']}", data={"x": "1"}).status_code == 405
        assert client.get("/review/corrections.json").json() == {"count": 0, "corrections": [], "review": False}
        assert client.app.state.store.readonly
        # the review strings: Chinese first, English with ?lang=en
        assert "更正记录" in page and "Corrections" in client.get(f"/reports/{fact['report_id']}?lang=en").text


def test_a_correction_in_review_mode_is_shown_and_applied(db: Path) -> None:
    fact = _target(db)
    rid = fact["report_id"]
    with TestClient(create_app(db, review_mode=True), client=LOCAL) as client:
        data = _review_data(client, rid)
        assert data["enabled"] is True and len(data["csrf"]) >= 32
        i = next(n for n, k in enumerate(data["keys"]) if k == [*fact["span"], fact["indicator"]])
        r = client.post("/review/corrections", json=_edit(fact), headers={"X-CSRF-Token": data["csrf"]})
        assert r.status_code == 201, r.text
        assert r.json()["fields"] == {"value": 6.5} and r.json()["who"] == "审校员"
        # the viewer: the fact carries the new value, a badge and who/when/why
        twin = client.get(f"/reports/{rid}.json").json()["report"]["facts"][i]
        assert (twin["value"], twin["corrected"], twin["correction"]["why"]) == (6.5, True, "核对原文")
        assert twin["correction"]["original"] == {"value": fact["value"]}
        page = client.get(f"/reports/{rid}").text
        assert 'class="rv-badge rv-edit"' in page and "审校员" in page and "核对原文" in page
        assert _review_data(client, rid)["flags"][str(i)]["correction"]["action"] == "edit"
        # tracking reads the corrected value and says so
        rows = client.get("/tracking.json", params={"indicator": "gdp"}).json()["rows"]
        row = next(x for x in rows if x["target_span"] == fact["span"])
        assert (row["target_value"], row["target_corrected"]) == (6.5, True)
        assert "✎ 目标" in client.get("/tracking", params={"indicator": "gdp"}).text
        # a missed fact added from selected words; the words must be the text's at those offsets
        text = client.get(f"/reports/{rid}.json").json()["report"]["text"]
        start = text.index("粮食")
        add = {"report_id": rid, "action": "add", "start": start, "end": start + 4, "who": "审校员",
               "fields": {"kind": "actual", "measure": "level", "value": "1", "unit": "吨", "bound": "exact"}}
        bad = client.post("/review/corrections", json={**add, "words": "别的字"},
                          headers={"X-CSRF-Token": data["csrf"]})
        assert bad.status_code == 400 and "selection" in bad.json()["error"]
        ok = client.post("/review/corrections", json={**add, "words": text[start:start + 4]},
                         headers={"X-CSRF-Token": data["csrf"]})
        assert ok.status_code == 201
        facts = client.get(f"/reports/{rid}.json").json()["report"]["facts"]
        assert facts[-1]["added"] is True and facts[-1]["span"] == [start, start + 4]
        # a malformed correction is a 400 with the reason
        r = client.post("/review/corrections", json=_edit(fact, fields={"kind": "wish"}),
                        headers={"X-CSRF-Token": data["csrf"]})
        assert r.status_code == 400 and "kind" in r.json()["error"]
        # a plain form POST (no script) works too and goes back to the report
        form = {"report_id": rid, "action": "mark_wrong", "start": str(fact["span"][0]),
                "end": str(fact["span"][1]), "indicator": "gdp", "who": "表单", "csrf": data["csrf"]}
        r = client.post("/review/corrections", data=form, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/reports/{rid}", r.text[-400:]
        assert client.get("/review/corrections.json", params={"report": rid}).json()["count"] == 3
    with open_store(db, readonly=True) as store:
        assert len(store.rows("SELECT * FROM corrections")) == 3


@pytest.mark.parametrize("headers", [
    {},  # no CSRF token
    {"X-CSRF-Token": "wrong"},
    {"X-CSRF-Token": "{csrf}", "Origin": "http://evil.example"},
    {"X-CSRF-Token": "{csrf}", "Sec-Fetch-Site": "cross-site"},
])
def test_csrf_and_cross_site_posts_are_refused(db: Path, headers: dict) -> None:
    fact = _target(db)
    with TestClient(create_app(db, review_mode=True), client=LOCAL) as client:
        csrf = _review_data(client, fact["report_id"])["csrf"]
        sent = {k: v.format(csrf=csrf) for k, v in headers.items()}
        r = client.post("/review/corrections", json=_edit(fact), headers=sent)
        assert r.status_code == 403
        same = client.post("/review/corrections", json=_edit(fact),
                           headers={"X-CSRF-Token": csrf, "Origin": "http://testserver"})
        assert same.status_code == 201


def test_without_a_token_only_loopback_clients_may_write(db: Path) -> None:
    fact = _target(db)
    app = create_app(db, review_mode=True)  # clients outside `with`: the lifespan would close the store
    csrf = _review_data(TestClient(app, client=LOCAL), fact["report_id"])["csrf"]
    r = TestClient(app, client=("192.0.2.7", 50000)).post("/review/corrections", json=_edit(fact),
                                                          headers={"X-CSRF-Token": csrf})
    assert r.status_code == 403 and "loopback" in r.json()["error"]
    assert TestClient(app, client=("::1", 50000)).post("/review/corrections", json=_edit(fact),
                                                       headers={"X-CSRF-Token": csrf}).status_code == 201
    app.state.store.close()


def test_with_a_token_every_post_needs_it(db: Path) -> None:
    fact = _target(db)
    with TestClient(create_app(db, review_mode=True, review_token=TOKEN), client=("192.0.2.7", 50000)) as client:
        data = _review_data(client, fact["report_id"])
        assert data["token_required"] is True and TOKEN not in client.get(f"/reports/{fact['report_id']}").text
        csrf = {"X-CSRF-Token": data["csrf"]}
        assert client.post("/review/corrections", json=_edit(fact), headers=csrf).status_code == 403
        assert client.post("/review/corrections", json=_edit(fact),
                           headers={**csrf, "X-Review-Token": "not-the-token"}).status_code == 403
        assert client.post("/review/corrections", json=_edit(fact),
                           headers={**csrf, "X-Review-Token": TOKEN}).status_code == 201
        form = {"report_id": fact["report_id"], "action": "mark_wrong", "start": str(fact["span"][0]),
                "end": str(fact["span"][1]), "indicator": "gdp", "who": "x", "csrf": data["csrf"],
                "review_token": TOKEN}
        assert client.post("/review/corrections", data=form, follow_redirects=False).status_code == 303


def test_bodies_that_are_not_a_correction(db: Path) -> None:
    fact = _target(db)
    with TestClient(create_app(db, review_mode=True), client=LOCAL) as client:
        csrf = {"X-CSRF-Token": _review_data(client, fact["report_id"])["csrf"]}
        assert client.post("/review/corrections", content=b"[1]", headers={**csrf, "Content-Type":
                           "application/json"}).status_code == 400
        assert client.post("/review/corrections", content=b"x", headers={**csrf, "Content-Type":
                           "text/plain"}).status_code == 415
        big = {**_edit(fact), "why": "很" * 40000}
        assert client.post("/review/corrections", json=big, headers=csrf).status_code == 413
        assert client.get("/review/corrections").status_code == 405


def test_serve_refuses_review_on_a_public_address_without_a_token(db: Path) -> None:
    run = CliRunner().invoke
    r = run(cli, ["serve", "--db", str(db), "--review", "--host", "0.0.0.0"])
    assert r.exit_code == 2 and "--review-token" in r.output
    r = run(cli, ["serve", "--db", str(db), "--review-token", TOKEN])
    assert r.exit_code == 2 and "goes with --review" in r.output
    r = run(cli, ["serve", "--db", str(db), "--review", "--review-token", "short", "--host", "0.0.0.0"])
    assert r.exit_code != 0 and "at least 8" in r.output


def test_every_review_string_is_in_both_languages() -> None:
    from govreport.web.review import LABELS

    assert set(LABELS["zh"]) == set(LABELS["en"])
    template = (Path(__file__).resolve().parents[1] / "govreport" / "web" / "templates" / "_review.html").read_text(
        encoding="utf-8")
    used = set(re.findall(r"\bt\.([a-z_]+)", template))
    assert used and used <= set(LABELS["zh"]), used - set(LABELS["zh"])
    script = (Path(__file__).resolve().parents[1] / "govreport" / "web" / "static" / "review.js").read_text(
        encoding="utf-8")
    assert set(re.findall(r"\bt\.([a-z_]+)", script)) <= set(LABELS["zh"])
    # no words in the template outside {{ }} / {% %} (the strings come from LABELS)
    bare = re.sub(r"\{[{%#].*?[}%#]\}", "", template, flags=re.S)
    bare = re.sub(r"<[^>]*>", "", bare)
    assert not re.findall(r"[A-Za-z\u4e00-\u9fff]{2,}", bare)
