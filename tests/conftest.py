"""With GOVREPORT_REQUIRE_SHARED=1 (CI), missing shared data is a failure, never a silent skip: the
session stops when a part of ../shared is missing, and a test skipped for want of data, or a
parametrization over an empty list of files, fails."""

from __future__ import annotations

import pytest
from shared_paths import REQUIRE_SHARED, SHARED, data_skip, missing_shared


def pytest_sessionstart(session: pytest.Session) -> None:
    if REQUIRE_SHARED and (missing := missing_shared()):
        raise pytest.UsageError(f"GOVREPORT_REQUIRE_SHARED=1 and {SHARED} lacks: {', '.join(missing)}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_SHARED and report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr)
        if data_skip(reason):
            report.outcome = "failed"
            report.longrepr = f"GOVREPORT_REQUIRE_SHARED=1: skipped for missing data ({reason})"
