"""The root user's access keys, judged from IAM's account summary against moto."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.iam import IamCollector
from checker.models import Status
from checker.results import Report
from tests.adapters.aws.conftest import reset, scan_with

COLLECTORS = [IamCollector()]
CONTROL = "pci-8.2.2-no-root-access-keys"
ROOT = "arn:aws:iam::123456789012:root"


def seed(client: Callable[[str], Any]) -> None:
    """Nothing to seed: the root user's keys cannot be created through the API (moto's
    account has none), so the non-compliant account is made by rewriting the summary."""
    del client


def verdicts(report: Report) -> dict[str, tuple[Status, str]]:
    """Each resource's status and message under the root access keys control."""
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    return {finding.resource: (finding.status, finding.message) for finding in result.findings}


def summary_with(**entries: Any) -> Callable[..., None]:
    """An after-call hook that rewrites GetAccountSummary's map, as AWS would answer."""

    def rewrite(parsed: dict[str, Any], **_: Any) -> None:
        summary = parsed.setdefault("SummaryMap", {})
        for key, value in entries.items():
            if value is None:
                summary.pop(key, None)
            else:
                summary[key] = value

    return rewrite


def test_an_account_without_root_keys_passes(endpoint: str) -> None:
    reset(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    (summary,) = [r for r in snapshot.resources if r.type == "iam.account_summary"]
    assert summary.attributes["SummaryMap"]["AccountAccessKeysPresent"] == 0
    assert verdicts(report)[ROOT][0] is Status.PASS


def test_root_access_keys_in_the_summary_fail(endpoint: str) -> None:
    reset(endpoint)
    hook = summary_with(AccountAccessKeysPresent=1)
    _, report = scan_with(endpoint, COLLECTORS, **{"after-call.iam.GetAccountSummary": hook})
    status, message = verdicts(report)[ROOT]
    assert status is Status.FAIL
    assert "the root user has access keys" in message


def test_a_summary_that_does_not_say_is_not_a_pass(endpoint: str) -> None:
    reset(endpoint)
    hook = summary_with(AccountAccessKeysPresent=None)
    _, report = scan_with(endpoint, COLLECTORS, **{"after-call.iam.GetAccountSummary": hook})
    assert verdicts(report)[ROOT][0] is Status.FAIL


def test_a_denied_summary_is_an_error_naming_the_action(endpoint: str) -> None:
    reset(endpoint)

    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDenied", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "GetAccountSummary")

    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.iam.GetAccountSummary": deny})
    status, message = verdicts(report)[ROOT]
    assert status is Status.ERROR
    assert "iam:GetAccountSummary" in message
