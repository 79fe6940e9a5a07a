"""IAM users from the credential report against moto, judged by the control that keeps console
passwords off users with active access keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.iam import IamCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [IamCollector()]
CONTROL = "pci-8.6.1-iam-key-users-no-console-password"
ACCOUNT = "123456789012"
PASSWORD = "Fake-initial-password-1"


def seed(client: Callable[[str], Any]) -> None:
    """Users with and without access keys and console passwords."""
    iam = client("iam")
    for user in ("ci-bad", "ci-good", "person", "migrated"):
        iam.create_user(UserName=user)
    for user in ("ci-bad", "person", "migrated"):
        iam.create_login_profile(UserName=user, Password=PASSWORD, PasswordResetRequired=True)
    for user in ("ci-bad", "ci-good"):
        iam.create_access_key(UserName=user)
    old = iam.create_access_key(UserName="migrated")["AccessKey"]["AccessKeyId"]
    iam.update_access_key(UserName="migrated", AccessKeyId=old, Status="Inactive")


def user(name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:user/{name}"


def test_users_with_active_keys_and_console_passwords_fail(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    # A person without keys and a user whose only key is inactive are not judged.
    assert verdicts_of(report, CONTROL) == {
        user("ci-bad"): Status.FAIL,
        user("ci-good"): Status.PASS,
    }
    (bad,) = [r for r in snapshot.resources if r.address == user("ci-bad")]
    assert bad.attributes["password_enabled"] == "true"
    assert bad.attributes["access_key_1_active"] == "true"


def test_an_unreadable_credential_report_is_an_error_naming_the_action(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    def denied(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDenied", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "GetCredentialReport")

    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.iam.GetCredentialReport": denied}
    )
    statuses = verdicts_of(report, CONTROL)
    assert list(statuses.values()) == [Status.ERROR]
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert "iam:GetCredentialReport" in result.findings[0].message
    # What does not come from the credential report is still collected.
    assert any(r.type == "iam.password_policy" for r in snapshot.resources)
