"""A live server for the browser tests: the app under uvicorn on a free port, and Chromium.

Browser tests use Debian's /usr/bin/chromium (never a downloaded browser). Without it they
are skipped, unless GOVREPORT_REQUIRE_BROWSER=1, when they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("GOVREPORT_CHROMIUM", "/usr/bin/chromium"))
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED_FILES = sorted((SHARED / "seeds").glob("*.txt"))
OUT = Path(__file__).resolve().parents[2] / "test-output" / "e2e"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _require_browser() -> None:
    reason = None
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "the playwright package is not installed"
    if reason:
        if os.environ.get("GOVREPORT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests required but {reason}")
        pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def e2e_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from test_web_app import build_web_db

    if not SEED_FILES:
        pytest.skip(f"no seed reports in {SHARED / 'seeds'}")
    return build_web_db(tmp_path_factory.mktemp("e2e") / "e2e.db")


@pytest.fixture(scope="session")
def server(e2e_db: Path) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1 in a background thread; yields its base URL."""
    yield from serve(e2e_db)


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the shared corpus in one database (built once per session)."""
    from test_store_support import shared_corpus_db

    return shared_corpus_db(tmp_path_factory)


@pytest.fixture(scope="session")
def corpus_server(corpus_db: Path) -> Iterator[str]:
    yield from serve(corpus_db)


def serve(db: Path) -> Iterator[str]:
    """Serve ``db`` with uvicorn on a free loopback port until the generator is closed."""
    _require_browser()
    import uvicorn

    from govreport.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                            lifespan="on")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server: str):
    # a reader of Chinese: the browser asks for zh-CN (Chromium's own default would be en-US)
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, base_url=server, locale="zh-CN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.errors = errors
    yield pg
    context.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def clear_shots() -> None:  # pragma: no cover - manual helper
    shutil.rmtree(OUT, ignore_errors=True)
