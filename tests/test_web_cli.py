"""`govreport serve`: options, errors, and the app it would run (uvicorn.run is intercepted)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govreport.cli import cli
from govreport.cli.web_cmds import EXAMPLE, build_example_db

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


@pytest.fixture()
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Capture what `serve` hands to uvicorn instead of binding a port."""
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen["app"] = app
        seen.update(kwargs)
        with TestClient(app) as client:  # the temporary example database still exists here
            seen["reports"] = client.get("/reports.json").json()
            seen["status"] = client.get("/reports").status_code

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


@pytest.fixture(scope="module")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_example_db(tmp_path_factory.mktemp("cli") / "example.db")


def test_serve_help_names_the_options() -> None:
    out = CliRunner().invoke(cli, ["serve", "--help"])
    assert out.exit_code == 0
    for option in ("--db", "--example", "--host", "--port", "--max-upload"):
        assert option in out.output


@pytest.mark.parametrize(("args", "code", "message"), [
    ([], 2, "give either --db DB or --example"),
    (["--db", "x.db", "--example"], 2, "give either --db DB or --example"),
    (["--db", "no/such.db"], 1, "no such database"),
    (["--example", "--port", "70000"], 2, "70000"),
])
def test_serve_usage_errors(args: list[str], code: int, message: str, served: dict) -> None:
    out = CliRunner().invoke(cli, ["serve", *args])
    assert out.exit_code == code
    assert message in out.output
    assert "app" not in served


def test_serve_refuses_a_file_that_is_not_a_database(tmp_path: Path, served: dict) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"not sqlite at all" * 100)
    out = CliRunner().invoke(cli, ["serve", "--db", str(bogus)])
    assert out.exit_code == 1 and str(bogus) in out.output
    assert "app" not in served


@pytest.mark.skipif(not EXAMPLE.is_file(), reason=f"{EXAMPLE} missing")
def test_example_database_holds_the_bundled_report(example_db: Path) -> None:
    from govreport.pipeline import extract
    from govreport.store import open_store

    store = open_store(example_db, readonly=True)
    try:
        (row,) = store.list_reports()
        assert row["id"] == EXAMPLE.stem
        assert row["n_facts"] == len(extract(EXAMPLE).facts) > 0
    finally:
        store.close()


@pytest.mark.skipif(not EXAMPLE.is_file(), reason=f"{EXAMPLE} missing")
def test_serve_example_runs_the_app_on_the_example(served: dict) -> None:
    out = CliRunner().invoke(cli, ["serve", "--example", "--port", "8123"])
    assert out.exit_code == 0, out.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8123
    assert served["status"] == 200
    assert [r["id"] for r in served["reports"]["reports"]] == [EXAMPLE.stem]


def test_serve_db_opens_it_read_only(example_db: Path, served: dict) -> None:
    before = example_db.read_bytes()
    out = CliRunner().invoke(cli, ["serve", "--db", str(example_db), "--host", "0.0.0.0", "--max-upload", "2",
                                   "--upload-timeout", "7.5"])
    assert out.exit_code == 0, out.output
    assert served["host"] == "0.0.0.0" and served["port"] == 8000
    app = served["app"]
    assert app.state.store.readonly and app.state.max_upload == 2 * 1024 * 1024
    assert app.state.upload_timeout == 7.5
    assert served["reports"]["count"] == 1
    assert example_db.read_bytes() == before
