"""The exit code a CI job asks for: --soft-fail, --soft-fail-on-error and --fail-on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from checker.models import SourceError, Status
from checker.policy import load_controls
from checker.results import ControlResult, ExitPolicy, Report
from tests.conftest import DATA

CONTROLS = {control.id: control for control in load_controls([DATA / "policies" / "valid"])}
MEDIUM = CONTROLS["test-s3-versioning"]
HIGH = CONTROLS["test-scoped-encryption"]
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def report(*results: tuple[object, Status], errors: int = 0) -> Report:
    return Report(
        tuple(ControlResult(control, status, ()) for control, status in results),  # type: ignore[arg-type]
        tuple(SourceError("terraform", "broken") for _ in range(errors)),
        NOW,
        NOW,
    )


@pytest.mark.parametrize(
    ("policy", "medium", "high", "errors", "code"),
    [
        (ExitPolicy(), Status.FAIL, Status.PASS, 0, 1),
        (ExitPolicy(), Status.BASELINED, Status.PASS, 0, 0),
        (ExitPolicy(soft_fail=True), Status.FAIL, Status.FAIL, 0, 0),
        (ExitPolicy(soft_fail=True), Status.FAIL, Status.PASS, 1, 3),
        (ExitPolicy(soft_fail_on_error=True), Status.FAIL, Status.PASS, 1, 1),
        (ExitPolicy(soft_fail_on_error=True), Status.PASS, Status.ERROR, 0, 0),
        (ExitPolicy(True, True), Status.FAIL, Status.ERROR, 1, 0),
        (ExitPolicy(fail_on="high"), Status.FAIL, Status.PASS, 0, 0),
        (ExitPolicy(fail_on="high"), Status.FAIL, Status.FAIL, 0, 1),
        (ExitPolicy(fail_on="medium"), Status.FAIL, Status.PASS, 0, 1),
        (ExitPolicy(fail_on="critical"), Status.PASS, Status.ERROR, 0, 3),
    ],
)
def test_exit_codes(
    policy: ExitPolicy, medium: Status, high: Status, errors: int, code: int
) -> None:
    assert policy.exit_code(report((MEDIUM, medium), (HIGH, high), errors=errors)) == code


def test_the_report_lists_baselined_among_the_statuses() -> None:
    summary = report((MEDIUM, Status.BASELINED)).summary
    assert summary["baselined"] == 1
    assert "settings" not in report().to_dict()
    assert "baseline" not in report().to_dict()
