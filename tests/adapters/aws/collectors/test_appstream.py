"""The AppStream collector over recorded answers of the real API (moto does not implement
AppStream), judged by the control that keeps data inside the sessions of cardholder data
environment stacks."""

from __future__ import annotations

from adapters.aws.collectors.appstream import AppStreamCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, recorded_responses, scan_with, verdicts_of

COLLECTORS = [AppStreamCollector()]
CONTROL = "pci-3.4.2-appstream-no-data-relocation"
ACCOUNT = "123456789012"


def stack(name: str) -> str:
    """A stack's ARN in the recorded account and region."""
    return f"arn:aws:appstream:{REGIONS[0]}:{ACCOUNT}:stack/{name}"


def test_stacks_that_let_data_out_of_a_session_fail(endpoint: str) -> None:
    hooks = recorded_responses("appstream", "appstream-stacks")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        stack("disputes-good"): Status.PASS,
        stack("support-bad"): Status.FAIL,  # clipboard out, and Google Drive
        stack("reports-bad"): Status.FAIL,  # no user settings: everything enabled
    }
    (good,) = [r for r in snapshot.resources if r.address == stack("disputes-good")]
    assert good.type == "appstream.stack"
    assert good.tags == {"DataClassification": "cardholder", "Team": "operations"}


def test_stacks_that_cannot_be_listed_are_an_error(endpoint: str) -> None:
    hooks = recorded_responses("appstream", "appstream-denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    stand_in = f"{ACCOUNT}/{REGIONS[0]}/appstream.stack/*"
    assert verdicts_of(report, CONTROL) == {stand_in: Status.ERROR}


def test_stacks_whose_tags_cannot_be_read_are_an_error_not_out_of_scope(endpoint: str) -> None:
    hooks = recorded_responses("appstream", "appstream-tags-denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    names = ("disputes-good", "support-bad", "reports-bad")
    assert verdicts_of(report, CONTROL) == {stack(name): Status.ERROR for name in names}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("appstream:ListTagsForResource" in f.message for f in result.findings)
