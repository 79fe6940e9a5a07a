"""An organization's accounts, listed from AWS Organizations and each reached through one role:
every active account scanned, an account whose role cannot be assumed `error` on its own."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from adapters.aws import AwsAdapter, Organization
from adapters.aws.collectors.guardduty import GuardDutyCollector
from checker.engine import evaluate
from checker.models import Snapshot, Status
from tests.adapters.aws.conftest import (
    CONTROLS,
    REGIONS,
    client_for,
    findings_of,
    reset,
    session_factory,
)
from tests.conftest import Run

CONTROL = "pci-11.5.1-guardduty-enabled"
MANAGEMENT = "123456789012"
ROLE = "assaymark-audit"


def organization(endpoint: str) -> list[str]:
    """An organization of the default account with two members; the members' ids."""
    reset(endpoint)
    client = client_for(endpoint)("organizations")
    client.create_organization(FeatureSet="ALL")
    members = []
    for name in ("payments-prod", "payments-staging"):
        status = client.create_account(AccountName=name, Email=f"{name}@example.com")
        members.append(status["CreateAccountStatus"]["AccountId"])
    return members


def scan_organization(
    endpoint: str, listed: Organization, **hooks: Callable[..., Any]
) -> tuple[Snapshot, dict[str, list[Status]]]:
    adapter = AwsAdapter(
        (),
        REGIONS[:1],
        endpoint,
        collectors=[GuardDutyCollector()],
        session_factory=session_factory(**hooks),
        organization=listed,
    )
    snapshot = adapter.collect()
    return snapshot, findings_of(evaluate(CONTROLS, [snapshot]), CONTROL)


def test_every_active_account_of_the_organization_is_scanned_through_the_role(
    endpoint: str,
) -> None:
    members = organization(endpoint)
    snapshot, statuses = scan_organization(endpoint, Organization(ROLE))
    assert snapshot.errors == ()
    accounts = {r.namespace for r in snapshot.resources}
    assert accounts == {MANAGEMENT, *members}
    assert all(status == [Status.FAIL] for status in statuses.values())
    assert len(statuses) == 3
    identities = snapshot.metadata["collected_by"]["identities"]
    assert all(f":assumed-role/{ROLE}/" in arn for arn in identities.values())
    assert snapshot.metadata["calls"]["organizations:ListAccounts"] == 1


def test_excluded_accounts_are_left_out_and_named(endpoint: str) -> None:
    members = organization(endpoint)
    snapshot, _ = scan_organization(endpoint, Organization(ROLE, exclude=(MANAGEMENT,)))
    assert {r.namespace for r in snapshot.resources} == set(members)
    assert snapshot.metadata["organization_left_out"] == [f"{MANAGEMENT} (excluded)"]


def test_an_account_whose_role_cannot_be_assumed_is_error_on_its_own(endpoint: str) -> None:
    members = organization(endpoint)
    refused = f"arn:aws:iam::{members[0]}:role/{ROLE}"

    def deny(params: dict[str, Any], **_: Any) -> None:
        if params.get("RoleArn") == refused:
            response: Any = {
                "Error": {"Code": "AccessDenied", "Message": "not authorized to assume"},
                "ResponseMetadata": {"HTTPStatusCode": 403},
            }
            raise ClientError(response, "AssumeRole")

    snapshot, statuses = scan_organization(
        endpoint,
        Organization(ROLE, external_id="ext-1"),
        **{"before-parameter-build.sts.AssumeRole": deny},
    )
    (error,) = snapshot.errors
    assert refused in error.message and "AccessDenied" in error.message
    errored = {address for address, status in statuses.items() if status == [Status.ERROR]}
    assert errored == {f"{refused}/*/guardduty.region/*"}
    scanned = {r.namespace for r in snapshot.resources if r.unresolved is None}
    assert scanned == {MANAGEMENT, members[1]}


def _not_in_use(**_: Any) -> None:
    response: Any = {
        "Error": {
            "Code": "AWSOrganizationsNotInUseException",
            "Message": "Your account is not a member of an organization.",
        },
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    raise ClientError(response, "ListAccounts")


@pytest.mark.parametrize(
    ("hooks", "reason"),
    [
        ({"before-call.organizations.ListAccounts": _not_in_use}, "NotInUseException"),
        ({}, "it lists no accounts"),
    ],
    ids=["not-in-use", "empty"],
)
def test_an_account_outside_any_organization_makes_every_check_error(
    endpoint: str, hooks: dict[str, Callable[..., Any]], reason: str
) -> None:
    reset(endpoint)
    snapshot, statuses = scan_organization(endpoint, Organization(ROLE), **hooks)
    (error,) = snapshot.errors
    assert "cannot list the accounts" in error.message and reason in error.message
    assert statuses == {"organization/*/guardduty.region/*": [Status.ERROR]}


def test_run_takes_the_organization_from_its_configuration(
    run: Callable[..., Run], endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    members = organization(endpoint)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGIONS[0])
    config = tmp_path / "assaymark.yaml"
    config.write_text(
        f"aws:\n  regions: [{REGIONS[0]}]\n  endpoint_url: '{endpoint}'\n"
        f"  organization: {{role_name: {ROLE}, exclude: ['{members[1]}']}}\n",
        encoding="utf-8",
    )
    result = run("run", "--config", config, "--control", CONTROL, "--format", "json")
    assert result.code == 1, result.err
    (control,) = result.json()["controls"]
    accounts = {f["location"]["account"] for f in control["findings"]}
    assert accounts == {MANAGEMENT, members[0]}
