"""`govreport serve --db DB [--host 127.0.0.1] [--port 8000]` and `govreport serve --example`."""

from __future__ import annotations

import signal
import tempfile
from pathlib import Path

import click

#: the report shipped with the package (the 2020 work report of 平顶山市), served by ``--example``
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "pingdingshan_2020.txt"


def build_example_db(db: Path, sources: list[Path] | None = None) -> Path:
    """Ingest the bundled example (or ``sources``) into a new database at ``db``."""
    from govreport.store import open_store
    from govreport.store.ingest import ingest

    files = sources or [EXAMPLE]
    missing = [str(f) for f in files if not Path(f).is_file()]
    if missing:
        raise click.ClickException(f"example report not found: {', '.join(missing)} "
                                   "(the package's examples/ folder is missing: reinstall govreport)")
    store = open_store(db)
    try:
        result = ingest(store, files, jobs=1)
    finally:
        store.close()
    if result.failed:
        raise click.ClickException("; ".join(f"{p}: {why}" for p, why in result.failed))
    return db


@click.command("serve")
@click.option("--db", "db", type=click.Path(dir_okay=False), help="the database to serve (opened read-only)")
@click.option("--example", is_flag=True, help="ingest the bundled example report into a temporary database and serve it")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--max-upload", default=5, show_default=True, type=click.IntRange(1, 100),
              help="upload size limit in MB")
@click.option("--upload-timeout", default=60.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="seconds an upload's extraction may take before it is stopped")
@click.option("--review", "review_mode", is_flag=True,
              help="let readers store corrections of facts (opens the database for writing; loopback only "
                   "unless --review-token is given)")
@click.option("--review-token", envvar="GOVREPORT_REVIEW_TOKEN", default=None, metavar="TOKEN",
              help="with --review: a secret every correction must carry, needed to serve on a non-loopback "
                   "address (or set GOVREPORT_REVIEW_TOKEN)")
def serve_command(db: str | None, example: bool, host: str, port: int, max_upload: int,
                  upload_timeout: float, review_mode: bool, review_token: str | None) -> None:
    """Serve the web app: reports with their facts highlighted, regions, tracking, search, upload."""
    import uvicorn

    from govreport.errors import GovReportError
    from govreport.web import create_app
    from govreport.web.review import is_loopback

    if bool(db) == example:
        raise click.UsageError("give either --db DB or --example")
    if review_token is not None and not review_mode:
        raise click.UsageError("--review-token goes with --review")
    if review_mode and review_token is None and not is_loopback(host):
        raise click.UsageError(f"--review on {host} needs --review-token TOKEN (without one, serve on 127.0.0.1)")
    with tempfile.TemporaryDirectory(prefix="govreport-example-") as tmp:
        if example:
            db = str(build_example_db(Path(tmp) / "example.db"))
            click.echo(f"govreport: example database {db}", err=True)
        assert db is not None
        if not Path(db).is_file():
            raise click.ClickException(f"{db}: no such database (create it with `govreport ingest PATH --db {db}`)")
        try:
            app = create_app(db, max_upload=max_upload * 1024 * 1024, upload_timeout=upload_timeout,
                             review_mode=review_mode, review_token=review_token)
        except GovReportError as exc:
            raise click.ClickException(str(exc)) from exc
        click.echo(f"govreport: serving {db} on http://{host}:{port}/", err=True)
        if review_mode:
            click.echo("govreport: review mode: corrections are written to the database"
                       + (" (with the review token)" if review_token else " (loopback clients only)"), err=True)
        # uvicorn re-raises SIGTERM after its graceful shutdown; turn it into SystemExit so the
        # temporary example database is removed on the way out
        previous = signal.signal(signal.SIGTERM, _exit_on_signal)
        try:
            uvicorn.run(app, host=host, port=port, log_level="info")
        finally:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def register(group: click.Group) -> None:
    """Add this module's commands to ``group``."""
    group.add_command(serve_command)
