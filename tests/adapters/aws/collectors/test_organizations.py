"""The Organizations collector against moto's server: the service control policies in force on
each account, read from the management account, judged by the GuardDuty tamper protection
control."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.organizations import OrganizationsCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, denied, reset, scan_with, verdicts_of

COLLECTORS = [OrganizationsCollector()]
CONTROL = "pci-5.3.5-scp-guardduty-tamper-protection"
MANAGEMENT = "123456789012"
PROTECT_GUARDDUTY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Deny",
            "Action": [
                "guardduty:DeleteDetector",
                "guardduty:UpdateDetector",
                "guardduty:Disassociate*",
            ],
            "Resource": "*",
            "Condition": {
                "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/security-operations"}
            },
        }
    ],
}


def seed(client: Callable[[str], Any]) -> dict[str, str]:
    """An organization whose `cde` unit holds an SCP against switching GuardDuty off, with one
    account in the unit and one under the root; each account's ARN by its name."""
    organizations = client("organizations")
    organizations.create_organization(FeatureSet="ALL")
    root = organizations.list_roots()["Roots"][0]["Id"]
    try:
        organizations.enable_policy_type(RootId=root, PolicyType="SERVICE_CONTROL_POLICY")
    except ClientError as error:
        if error.response["Error"]["Code"] != "PolicyTypeAlreadyEnabledException":
            raise
    unit = organizations.create_organizational_unit(ParentId=root, Name="cde")
    unit_id = unit["OrganizationalUnit"]["Id"]
    for name in ("payments-good", "sandbox-bad"):
        organizations.create_account(AccountName=name, Email=f"{name}@example.com")
    accounts = {a["Name"]: a for a in organizations.list_accounts()["Accounts"]}
    organizations.move_account(
        AccountId=accounts["payments-good"]["Id"], SourceParentId=root, DestinationParentId=unit_id
    )
    policy = organizations.create_policy(
        Name="protect-guardduty",
        Description="GuardDuty stays on",
        Type="SERVICE_CONTROL_POLICY",
        Content=json.dumps(PROTECT_GUARDDUTY),
    )
    organizations.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=unit_id)
    return {name: account["Arn"] for name, account in accounts.items()}


def test_accounts_pass_when_an_scp_above_them_denies_switching_guardduty_off(
    endpoint: str,
) -> None:
    reset(endpoint)
    accounts = seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        accounts["payments-good"]: Status.PASS,
        accounts["sandbox-bad"]: Status.FAIL,
    }
    by_address = {r.address: r for r in snapshot.resources}
    good = by_address[accounts["payments-good"]]
    assert good.type == "organizations.account"
    names = {policy["Name"] for policy in good.attributes["ServiceControlPolicies"]}
    assert names == {"FullAWSAccess", "protect-guardduty"}
    (management,) = [r for r in snapshot.resources if r.attributes["Id"] == MANAGEMENT]
    assert management.attributes["IsManagementAccount"] is True


def test_each_policy_and_parent_is_read_once_for_all_accounts(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    seen: list[tuple[str, str]] = []

    def count(params: dict[str, Any], model: Any, **_: Any) -> None:
        seen.append((model.name, json.dumps(params, sort_keys=True)))

    scan_with(endpoint, COLLECTORS, **{"before-parameter-build.organizations": count})
    assert len(seen) == len(set(seen))
    assert [name for name, _ in seen].count("DescribePolicy") == 2


def test_a_member_account_leaves_its_policies_to_the_management_account(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    def managed_elsewhere(parsed: dict[str, Any], **_: Any) -> None:
        parsed["Organization"]["MasterAccountId"] = "210987654321"

    hooks = {"after-call.organizations.DescribeOrganization": managed_elsewhere}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.resources == ()
    assert verdicts_of(report, CONTROL) == {}


def test_an_account_in_no_organization_fails(endpoint: str) -> None:
    reset(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    address = f"arn:aws:organizations::{MANAGEMENT}:account/{MANAGEMENT}"
    assert verdicts_of(report, CONTROL) == {address: Status.FAIL}


def test_policies_that_cannot_be_listed_make_every_account_an_error(endpoint: str) -> None:
    reset(endpoint)
    accounts = seed(client_for(endpoint))
    hooks = {"before-call.organizations.ListPoliciesForTarget": denied("ListPoliciesForTarget")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, CONTROL) == {
        accounts["payments-good"]: Status.ERROR,
        accounts["sandbox-bad"]: Status.ERROR,
    }
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("organizations:ListPoliciesForTarget" in f.message for f in result.findings)
