"""GOVREPORT_REQUIRE_SHARED=1: missing shared data fails the run instead of collecting nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from shared_paths import NEEDED, SHARED, data_skip, missing_shared

HERE = Path(__file__).resolve().parent


def test_the_shared_folder_has_everything_the_suite_reads() -> None:
    assert missing_shared(SHARED) == []


def test_an_empty_folder_lacks_every_part(tmp_path: Path) -> None:
    assert missing_shared(tmp_path) == [f"{sub}/{pattern}" for sub, pattern in NEEDED]
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("x", encoding="utf-8")
    assert "seeds/*.txt" not in missing_shared(tmp_path) and "corpus/*/*.txt" in missing_shared(tmp_path)


def test_which_skips_are_for_missing_data() -> None:
    assert data_skip("shared/seeds not found") and data_skip("got empty parameter set ['path'], function x")
    assert data_skip(f"no seed reports in {SHARED / 'seeds'}")
    assert not data_skip("/usr/bin/chromium is missing (apt-get install chromium)")


def _run(project: Path, require: bool) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GOVREPORT_REQUIRE_SHARED"}
    if require:
        env["GOVREPORT_REQUIRE_SHARED"] = "1"
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                           "-o", "addopts=", "tests"], cwd=project, env=env, capture_output=True, text=True,
                          timeout=120)


def test_a_run_without_the_corpus_fails_only_when_required(tmp_path: Path) -> None:
    """A copy of the suite's plumbing beside a shared folder with seeds and gold but no corpus."""
    project, shared = tmp_path / "proj", tmp_path / "shared"
    (project / "tests").mkdir(parents=True)
    for name in ("conftest.py", "shared_paths.py"):
        shutil.copy(HERE / name, project / "tests" / name)
    (shared / "seeds").mkdir(parents=True)
    (shared / "seeds" / "a.txt").write_text("x", encoding="utf-8")
    (shared / "gold").mkdir()
    (project / "tests" / "test_over_corpus.py").write_text(
        "import pytest\nfrom shared_paths import CORPUS\n\n\n"
        "@pytest.mark.parametrize('path', CORPUS)\ndef test_each(path):\n    assert path.exists()\n\n\n"
        "@pytest.mark.skipif(not CORPUS, reason='shared corpus not found')\ndef test_skipped():\n    pass\n",
        encoding="utf-8")
    relaxed = _run(project, require=False)
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "skipped" in relaxed.stdout
    strict = _run(project, require=True)
    assert strict.returncode != 0
    assert "corpus/*/*.txt" in strict.stdout + strict.stderr


def test_a_skip_for_missing_data_fails_when_required(tmp_path: Path) -> None:
    project, shared = tmp_path / "proj", tmp_path / "shared"
    (project / "tests").mkdir(parents=True)
    for name in ("conftest.py", "shared_paths.py"):
        shutil.copy(HERE / name, project / "tests" / name)
    for sub, pattern in NEEDED:  # every part there, so the session starts
        (shared / sub).mkdir(parents=True, exist_ok=True)
        name = pattern.replace("*/*", "x/a").replace("*", "a")
        (shared / sub / name).parent.mkdir(parents=True, exist_ok=True)
        (shared / sub / name).write_text("x", encoding="utf-8")
    assert missing_shared(shared) == []
    (project / "tests" / "test_skips.py").write_text(
        "import pytest\n\n\ndef test_data():\n    pytest.skip('the shared gold file is not there')\n\n\n"
        "def test_other():\n    pytest.skip('no display')\n", encoding="utf-8")
    strict = _run(project, require=True)
    assert strict.returncode == 1, strict.stdout
    assert "1 failed" in strict.stdout and "1 skipped" in strict.stdout
