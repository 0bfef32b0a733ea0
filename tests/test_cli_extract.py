"""`govreport extract` and `ingest` as commands: internal errors, batches that go on past any file,
empty folders, the per-file time budget, and output names that stay inside --out and never collide."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from shared_paths import SHARED

import govreport.pipeline
from govreport.cli import cli, main
from govreport.ingest import clean_text

SEEDS = sorted((SHARED / "seeds").glob("*.txt"))
pytestmark = pytest.mark.skipif(not SEEDS, reason="shared/seeds not found")
SMALL = SHARED / "seeds" / "002_169e54f75cef3fbb.txt"  # 2,500 characters
INTERNAL = "(please report this)"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def copy(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(src.read_bytes())
    return dst


def big_report(path: Path, copies: int) -> Path:
    """Real reports one after another: a long input whose extraction takes seconds."""
    path.write_text("\n".join(p.read_text(encoding="utf-8") for p in SEEDS) * copies, encoding="utf-8")
    return path


def boom_on(marker: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the section step fail with a bug (ValueError) on texts holding ``marker``; the worker
    process is forked, so it inherits the patch."""
    real = govreport.pipeline.build_sections

    def build_sections(text, view, meta):  # type: ignore[no-untyped-def]
        if marker in text:
            raise ValueError("boom in sections")
        return real(text, view, meta)

    monkeypatch.setattr(govreport.pipeline, "build_sections", build_sections)


# ---------------------------------------------------------------- internal errors


def test_an_unexpected_exception_in_extract_is_one_line_and_exit_70(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy(SMALL, tmp_path / "r.txt")
    boom_on("", monkeypatch)
    result = run("extract", str(path))
    assert result.exit_code == 70
    assert result.stderr.splitlines() == [f"govreport: {path}: internal error: ValueError: boom in sections {INTERNAL}"]
    assert "Traceback" not in result.output and result.stdout == ""


def test_the_same_without_a_worker_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = copy(SMALL, tmp_path / "r.txt")
    boom_on("", monkeypatch)
    result = run("extract", str(path), "--timeout", "0")
    assert result.exit_code == 70
    assert result.stderr.splitlines() == [f"govreport: {path}: internal error: ValueError: boom in sections {INTERNAL}"]


def test_an_exception_outside_the_file_loop_is_one_line_and_exit_70(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    import govreport.cli.extract_cmd as extract_cmd

    def broken(*args: object) -> list:
        raise RuntimeError("folder scan\nfailed")

    monkeypatch.setattr(extract_cmd, "expand_paths", broken)
    result = run("extract", "somewhere")
    assert result.exit_code == 70
    assert result.stderr.splitlines() == [f"govreport: internal error: RuntimeError: folder scan failed {INTERNAL}"]
    monkeypatch.setattr(sys, "argv", ["govreport", "extract", "somewhere"])
    with pytest.raises(SystemExit) as info:  # the console-script entry point
        main()
    assert info.value.code == 70
    err = capsys.readouterr().err
    assert err.splitlines() == [f"govreport: internal error: RuntimeError: folder scan failed {INTERNAL}"]


def test_usage_errors_keep_exit_2() -> None:
    result = run("extract", "--format", "yaml", "x.txt")
    assert result.exit_code == 2 and "Usage:" in result.stderr and INTERNAL not in result.stderr
    assert run("extract").exit_code == 2


# ---------------------------------------------------------------- batches


def test_extract_dir_goes_on_past_any_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    copy(SEEDS[0], src / "a.txt")
    (src / "b.txt").write_bytes(bytes(range(256)) * 8)  # bad input
    copy(SMALL, src / "c.txt")  # a bug on this one
    copy(SEEDS[3], src / "d.mht.txt")
    (src / "e.txt").symlink_to("/dev/zero")
    boom_on("新郑", monkeypatch)  # seed 002 is 新郑市's report
    result = run("extract", str(src), "--out", str(out))
    assert result.stderr.splitlines() == [
        f"govreport: {src / 'b.txt'}: a binary file, not text (it contains NUL bytes)",
        f"govreport: {src / 'c.txt'}: internal error: ValueError: boom in sections {INTERNAL}",
        f"govreport: {src / 'e.txt'}: a character device, not a regular file",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["a.json", "d.mht.json"]
    assert result.exit_code == 70  # a bug outranks bad files


def test_extract_dir_exit_2_when_a_file_is_bad(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    copy(SMALL, src / "a.txt")
    (src / "b.txt").write_bytes(b"")
    result = run("extract", str(src), "--out", str(out))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"govreport: {src / 'b.txt'}: the file is empty"]
    assert json.loads((out / "a.json").read_text(encoding="utf-8"))["doc"]["id"] == "a"


def test_folder_scans_include_web_archives(tmp_path: Path) -> None:
    from test_ingest_readers import html_page, mht_bytes, source_lines

    (tmp_path / "page.mht").write_bytes(mht_bytes(html_page(source_lines(SMALL), "政府工作报告")))
    result = run("extract", str(tmp_path), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["doc"]["id"] == "page"


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_an_empty_folder_says_so_and_exits_2(tmp_path: Path, command: str) -> None:
    empty = tmp_path / "empty"
    (empty / "sub").mkdir(parents=True)
    (empty / "notes.xlsx").write_bytes(b"x")
    args = [command, str(empty)] + (["--db", str(tmp_path / "g.db")] if command == "ingest" else [])
    result = run(*args)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"govreport: {empty}: no report files in this folder (looked for ")


# ---------------------------------------------------------------- time budget


def test_a_file_over_its_time_budget_is_skipped(tmp_path: Path) -> None:
    path = big_report(tmp_path / "big.txt", 5)
    result = run("extract", str(path), "--timeout", "0.05")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"govreport: {path}: took longer than 0.05 s; skipped"]


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_the_batch_goes_on_after_an_overrun(tmp_path: Path, command: str) -> None:
    src = tmp_path / "in"
    src.mkdir()
    big = big_report(src / "a_big.txt", 20)  # about 10 s of work
    copy(SMALL, src / "b_small.txt")  # about 0.01 s, in the worker that replaces the killed one
    if command == "extract":
        result = run("extract", str(src), "--out", str(tmp_path / "out"), "--timeout", "1.5")
        assert [p.name for p in (tmp_path / "out").iterdir()] == ["b_small.json"]
    else:
        db = tmp_path / "g.db"
        result = run("ingest", str(src), "--db", str(db), "--timeout", "1.5", "--jobs", "1", "--no-progress")
        rows = run("facts", "--db", str(db), "--limit", "1")
        assert rows.stdout, result.stderr
        assert json.loads(rows.stdout.splitlines()[0])["report_id"] == "b_small"
    assert result.exit_code == 2
    assert f"govreport: {big}: took longer than 1.5 s; skipped" in result.stderr.splitlines()


def test_ingest_refuses_devices_before_hashing_them(tmp_path: Path) -> None:
    src = tmp_path / "in"
    copy(SMALL, src / "a.txt")
    (src / "zero.txt").symlink_to("/dev/zero")  # hashing it would never end
    result = run("ingest", str(src), "--db", str(tmp_path / "g.db"), "--no-progress")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == f"govreport: {src / 'zero.txt'}: a character device, not a regular file"
    assert "ingested 1, skipped 0 already stored, failed 1" in result.stderr


# ---------------------------------------------------------------- output names


def test_an_unsafe_id_is_refused(tmp_path: Path) -> None:
    path = copy(SMALL, tmp_path / "in" / "r.txt")
    for bad in ("../../x", "a/b", ".hidden", "x\x00y", ".."):
        result = run("extract", str(path), "--out", str(tmp_path / "out"), "--id", bad)
        assert result.exit_code == 2 and "not a safe report id" in result.stderr, bad
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_file_name_with_a_leading_dot_is_written_visibly(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    path = copy(SMALL, src / "..report.txt")
    result = run("extract", str(path), "--out", str(out))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"govreport: {path}: the id '..report' is not a safe file name; "
                                          "written as 'report'"]
    assert [p.name for p in out.iterdir()] == ["report.json"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["doc"]["id"] == "report"


def test_two_inputs_with_the_same_id_do_not_overwrite(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    first = copy(SEEDS[0], src / "河北" / "2026.txt")
    second = copy(SEEDS[1], src / "河南" / "2026.txt")
    third = copy(SEEDS[3], src / "河南" / "x" / "河南" / "2026.txt")
    result = run("extract", str(src), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"govreport: {second}: {first} has the same id '2026'; written as '河南-2026'",
        f"govreport: {third}: {first} has the same id '2026'; written as '2026-2'",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["2026-2.json", "2026.json", "河南-2026.json"]
    for name, seed in [("2026", SEEDS[0]), ("河南-2026", SEEDS[1]), ("2026-2", SEEDS[3])]:
        doc = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        assert doc["doc"]["id"] == name
        assert doc["text"] == clean_text(seed.read_text(encoding="utf-8"))
