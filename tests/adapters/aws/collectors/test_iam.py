"""The IAM collector's policies, inline policies and managed-policy attachments against moto,
judged by the full-administrator, privilege-escalation and grants-through-groups controls."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from adapters.aws.collectors.iam import IamCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    client_for,
    denied,
    moto_server,
    reset,
    scan_with,
    verdicts_of,
)

FULL_ADMIN = "pci-7.2.1-iam-no-full-admin"
ESCALATION = "pci-7.2.1-iam-no-privilege-escalation"
THROUGH_GROUPS = "pci-7.3.2-iam-permissions-through-groups"
ACCOUNT = "123456789012"
ADMINISTRATOR_ACCESS = "arn:aws:iam::aws:policy/AdministratorAccess"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def document(*statements: dict[str, Any]) -> str:
    """A policy document holding the statements."""
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(action: str | list[str], resource: str | list[str] = "*") -> dict[str, Any]:
    """An Allow statement."""
    return {"Effect": "Allow", "Action": action, "Resource": resource}


def attach_if_known(call: Callable[..., Any], **arguments: str) -> None:
    """Attach an AWS-managed policy; moto knows them only when told to load them."""
    try:
        call(**arguments)
    except ClientError as error:
        if error.response["Error"]["Code"] != "NoSuchEntity":
            raise


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant IAM resources in one region."""
    iam = client("iam")
    iam.create_policy(
        PolicyName="good-send-payments",
        PolicyDocument=document(
            allow("sqs:SendMessage", f"arn:aws:sqs:eu-west-1:{ACCOUNT}:payments"),
            {"Effect": "Deny", "Action": "*", "Resource": "*"},
        ),
    )
    iam.create_policy(
        PolicyName="bad-launch-anything",
        PolicyDocument=document(allow(["ec2:*", "iam:PassRole"])),
    )
    iam.create_role(RoleName="good-ledger-task", AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(
        RoleName="good-ledger-task",
        PolicyName="read-ledger",
        PolicyDocument=document(
            allow("dynamodb:GetItem", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/ledger")
        ),
    )
    iam.create_role(RoleName="bad-admin-task", AssumeRolePolicyDocument=TRUST)
    iam.put_role_policy(
        RoleName="bad-admin-task", PolicyName="everything", PolicyDocument=document(allow("*"))
    )
    iam.create_group(GroupName="good-auditors")
    iam.put_group_policy(
        GroupName="good-auditors",
        PolicyName="read-iam",
        PolicyDocument=document(allow(["iam:Get*", "iam:List*"])),
    )
    iam.create_group(GroupName="bad-identity-admins")
    iam.put_group_policy(
        GroupName="bad-identity-admins",
        PolicyName="iam-all",
        PolicyDocument=document(allow("iam:*")),
    )
    attach_if_known(
        iam.attach_role_policy,
        RoleName="good-ledger-task",
        PolicyArn="arn:aws:iam::aws:policy/ReadOnlyAccess",
    )
    attach_if_known(
        iam.attach_role_policy, RoleName="bad-admin-task", PolicyArn=ADMINISTRATOR_ACCESS
    )
    attach_if_known(
        iam.attach_group_policy, GroupName="bad-identity-admins", PolicyArn=ADMINISTRATOR_ACCESS
    )


def seed_more(client: Callable[[str], Any]) -> None:
    """Users, and grants that break one of the two controls but not the other."""
    iam = client("iam")
    iam.create_user(UserName="operator")
    attach_if_known(iam.attach_user_policy, UserName="operator", PolicyArn=ADMINISTRATOR_ACCESS)
    iam.create_user(UserName="analyst")
    iam.put_user_policy(
        UserName="analyst", PolicyName="all-of-s3", PolicyDocument=document(allow("s3:*"))
    )
    iam.put_user_policy(
        UserName="analyst",
        PolicyName="own-keys",
        PolicyDocument=document(
            allow("iam:CreateAccessKey", f"arn:aws:iam::{ACCOUNT}:user/${{aws:username}}")
        ),
    )
    iam.create_policy(
        PolicyName="support-keys", PolicyDocument=document(allow("iam:createaccesskey"))
    )
    iam.create_policy(
        PolicyName="all-but-iam",
        PolicyDocument=document(
            {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}
        ),
    )
    iam.create_role(RoleName="archiver", AssumeRolePolicyDocument=TRUST)
    attach_if_known(
        iam.attach_role_policy,
        RoleName="archiver",
        PolicyArn="arn:aws:iam::aws:policy/AmazonS3FullAccess",
    )
    iam.create_role(RoleName="identity-manager", AssumeRolePolicyDocument=TRUST)
    attach_if_known(
        iam.attach_role_policy,
        RoleName="identity-manager",
        PolicyArn="arn:aws:iam::aws:policy/IAMFullAccess",
    )


@pytest.fixture
def managed_policies() -> Iterator[str]:
    """A moto server of its own with AWS-managed policies loaded, so that they can be attached
    (loading them on every reset would slow every other test)."""
    with moto_server(MOTO_IAM_LOAD_MANAGED_POLICIES="true") as endpoint:
        yield endpoint


COLLECTORS = [IamCollector()]


def arn(kind: str, name: str) -> str:
    return f"arn:aws:iam::{ACCOUNT}:{kind}/{name}"


def test_wildcards_escalation_and_attached_administrator_access_fail(
    managed_policies: str,
) -> None:
    client = client_for(managed_policies)
    seed(client)
    seed_more(client)
    snapshot, report = scan_with(managed_policies, COLLECTORS)
    admin, escalation = verdicts_of(report, FULL_ADMIN), verdicts_of(report, ESCALATION)
    role, group = arn("role", "bad-admin-task"), arn("group", "bad-identity-admins")
    user = arn("user", "operator")
    expected = {
        arn("policy", "good-send-payments"): (Status.PASS, Status.PASS),
        arn("policy", "bad-launch-anything"): (Status.FAIL, Status.FAIL),
        arn("policy", "support-keys"): (Status.PASS, Status.FAIL),
        arn("policy", "all-but-iam"): (Status.FAIL, Status.PASS),
        f"{arn('role', 'good-ledger-task')}/inline-policy/read-ledger": (Status.PASS, Status.PASS),
        f"{role}/inline-policy/everything": (Status.FAIL, Status.FAIL),
        f"{arn('group', 'good-auditors')}/inline-policy/read-iam": (Status.PASS, Status.PASS),
        f"{group}/inline-policy/iam-all": (Status.FAIL, Status.FAIL),
        f"{arn('user', 'analyst')}/inline-policy/all-of-s3": (Status.FAIL, Status.PASS),
        f"{arn('user', 'analyst')}/inline-policy/own-keys": (Status.PASS, Status.PASS),
        f"{arn('role', 'good-ledger-task')}/attached-policy/ReadOnlyAccess": (
            Status.PASS,
            Status.PASS,
        ),
        f"{role}/attached-policy/AdministratorAccess": (Status.FAIL, Status.FAIL),
        f"{group}/attached-policy/AdministratorAccess": (Status.FAIL, Status.FAIL),
        f"{user}/attached-policy/AdministratorAccess": (Status.FAIL, Status.FAIL),
        f"{arn('role', 'archiver')}/attached-policy/AmazonS3FullAccess": (
            Status.FAIL,
            Status.PASS,
        ),
        f"{arn('role', 'identity-manager')}/attached-policy/IAMFullAccess": (
            Status.FAIL,
            Status.FAIL,
        ),
    }
    for address, (full_admin, privilege_escalation) in expected.items():
        assert admin[address] is full_admin, address
        assert escalation[address] is privilege_escalation, address
    (attachment,) = [
        r for r in snapshot.resources if r.address == f"{group}/attached-policy/AdministratorAccess"
    ]
    assert attachment.type == "iam.policy_attachment"
    assert attachment.attributes == {
        "Principal": group,
        "PrincipalType": "Group",
        "PrincipalName": "bad-identity-admins",
        "PolicyName": "AdministratorAccess",
        "PolicyArn": ADMINISTRATOR_ACCESS,
    }


def test_attachments_that_cannot_be_listed_are_errors_naming_the_principal(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    answer: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }

    def denied(**_: Any) -> None:
        raise ClientError(answer, "ListAttachedRolePolicies")

    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.iam.ListAttachedRolePolicies": denied}
    )
    statuses = verdicts_of(report, FULL_ADMIN)
    for role in ("good-ledger-task", "bad-admin-task"):
        address = f"{arn('role', role)}/attached-policies"
        assert statuses[address] is Status.ERROR
        (stand_in,) = [r for r in snapshot.resources if r.address == address]
        assert "iam:ListAttachedRolePolicies" in str(stand_in.unresolved)
    # Everything else is judged as before.
    assert statuses[arn("policy", "good-send-payments")] is Status.PASS
    assert statuses[arn("policy", "bad-launch-anything")] is Status.FAIL
    assert statuses[f"{arn('role', 'bad-admin-task')}/inline-policy/everything"] is Status.FAIL


def test_policies_of_users_fail_and_grants_to_groups_and_roles_pass(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    seed_more(client)
    iam = client("iam")
    iam.attach_user_policy(UserName="operator", PolicyArn=arn("policy", "support-keys"))
    iam.attach_group_policy(
        GroupName="good-auditors", PolicyArn=arn("policy", "good-send-payments")
    )
    _, report = scan_with(endpoint, COLLECTORS)
    analyst, operator = arn("user", "analyst"), arn("user", "operator")
    assert verdicts_of(report, THROUGH_GROUPS) == {
        f"{analyst}/inline-policy/all-of-s3": Status.FAIL,
        f"{analyst}/inline-policy/own-keys": Status.FAIL,
        f"{operator}/attached-policy/support-keys": Status.FAIL,
        f"{arn('role', 'good-ledger-task')}/inline-policy/read-ledger": Status.PASS,
        f"{arn('role', 'bad-admin-task')}/inline-policy/everything": Status.PASS,
        f"{arn('group', 'good-auditors')}/inline-policy/read-iam": Status.PASS,
        f"{arn('group', 'bad-identity-admins')}/inline-policy/iam-all": Status.PASS,
        f"{arn('group', 'good-auditors')}/attached-policy/good-send-payments": Status.PASS,
    }


def test_a_user_whose_attachments_cannot_be_listed_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed_more(client)
    hooks = {"before-call.iam.ListAttachedUserPolicies": denied("ListAttachedUserPolicies")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    verdicts = verdicts_of(report, THROUGH_GROUPS)
    for user in ("operator", "analyst"):
        assert verdicts[f"{arn('user', user)}/attached-policies"] is Status.ERROR
    assert verdicts[f"{arn('user', 'analyst')}/inline-policy/all-of-s3"] is Status.FAIL
