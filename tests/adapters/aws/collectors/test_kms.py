"""The KMS collector's key policies against moto, judged by the public-resource-policy control."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.kms import KmsCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

PUBLIC_POLICIES = "pci-1.4.4-no-public-resource-policies"
ROTATION = "pci-3.7.4-kms-key-rotation"
ACCOUNT = "123456789012"


def key_policy(*extra: dict[str, Any]) -> str:
    """The account's default key statement, and the extra ones."""
    root = {
        "Sid": "EnableIAMUserPermissions",
        "Effect": "Allow",
        "Principal": {"AWS": f"arn:aws:iam::{ACCOUNT}:root"},
        "Action": "kms:*",
        "Resource": "*",
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [root, *extra]})


def anyone(condition: dict[str, Any] | None = None) -> dict[str, Any]:
    """A statement letting every AWS principal decrypt, unless the condition restricts it."""
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": {"AWS": "*"},
        "Action": ["kms:Decrypt", "kms:DescribeKey"],
        "Resource": "*",
    }
    if condition:
        statement["Condition"] = condition
    return statement


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant KMS resources in one region.

    A key's ARN carries no name: the keys are named by their aliases and descriptions.
    """
    kms = client("kms")
    via_secrets = {
        "StringEquals": {
            "kms:CallerAccount": ACCOUNT,
            "kms:ViaService": f"secretsmanager.{kms.meta.region_name}.amazonaws.com",
        }
    }
    good = kms.create_key(Description="good-ledger", Policy=key_policy(anyone(via_secrets)))
    kms.enable_key_rotation(KeyId=good["KeyMetadata"]["KeyId"])
    kms.create_alias(AliasName="alias/good-ledger", TargetKeyId=good["KeyMetadata"]["KeyId"])
    bad = kms.create_key(Description="bad-shared", Policy=key_policy(anyone()))
    kms.create_alias(AliasName="alias/bad-shared", TargetKeyId=bad["KeyMetadata"]["KeyId"])


COLLECTORS = [KmsCollector()]


def key_arns(client: Callable[[str], Any]) -> dict[str, str]:
    """Each seeded key's ARN by its alias."""
    kms = client("kms")
    return {
        alias["AliasName"]: kms.describe_key(KeyId=alias["TargetKeyId"])["KeyMetadata"]["Arn"]
        for alias in kms.list_aliases()["Aliases"]
        if "TargetKeyId" in alias and not alias["AliasName"].startswith("alias/aws/")
    }


def test_a_key_policy_open_to_every_principal_fails(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    keys = key_arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    for control in (PUBLIC_POLICIES, ROTATION):
        statuses = verdicts_of(report, control)
        assert statuses[keys["alias/good-ledger"]] is Status.PASS, control
        assert statuses[keys["alias/bad-shared"]] is Status.FAIL, control
    (key,) = [r for r in snapshot.resources if r.address == keys["alias/bad-shared"]]
    assert key.attributes["Policy"]["Statement"][1]["Principal"] == {"AWS": "*"}


def test_a_key_policy_that_cannot_be_read_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    keys = key_arns(client)
    answer: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }

    def denied(**_: Any) -> None:
        raise ClientError(answer, "GetKeyPolicy")

    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.kms.GetKeyPolicy": denied})
    statuses = verdicts_of(report, PUBLIC_POLICIES)
    assert set(statuses.values()) == {Status.ERROR}
    assert verdicts_of(report, ROTATION)[keys["alias/good-ledger"]] is Status.PASS


KEY_POLICY = "pci-3.6.1-kms-key-policy-not-public"


def test_key_policies_open_to_every_caller_fail_whatever_the_key_state(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    kms = client("kms")
    extra = {
        "org-good": key_policy(anyone({"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}})),
        "via-service-bad": key_policy(
            anyone({"StringEquals": {"kms:ViaService": "rds.eu-west-1.amazonaws.com"}})
        ),
        "retired-bad": key_policy({**anyone(), "Principal": "*"}),
    }
    for name, policy in extra.items():
        key_id = kms.create_key(Description=name, Policy=policy)["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{name}", TargetKeyId=key_id)
    retired = kms.describe_key(KeyId="alias/retired-bad")["KeyMetadata"]["KeyId"]
    kms.schedule_key_deletion(KeyId=retired, PendingWindowInDays=7)
    keys = key_arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, KEY_POLICY) == {
        keys["alias/good-ledger"]: Status.PASS,
        keys["alias/bad-shared"]: Status.FAIL,
        keys["alias/org-good"]: Status.PASS,
        keys["alias/via-service-bad"]: Status.FAIL,
        keys["alias/retired-bad"]: Status.FAIL,
    }
    (pending,) = [r for r in snapshot.resources if r.address == keys["alias/retired-bad"]]
    assert pending.attributes["KeyState"] == "PendingDeletion"


def test_an_unreadable_key_policy_errors_only_the_key_policy_checks(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    keys = key_arns(client)
    answer: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }

    def denied(**_: Any) -> None:
        raise ClientError(answer, "GetKeyPolicy")

    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.kms.GetKeyPolicy": denied})
    assert verdicts_of(report, KEY_POLICY) == dict.fromkeys(keys.values(), Status.ERROR)
    (result,) = [r for r in report.results if r.control.id == KEY_POLICY]
    assert all("kms:GetKeyPolicy" in finding.message for finding in result.findings)
    assert verdicts_of(report, ROTATION)[keys["alias/bad-shared"]] is Status.FAIL


def test_a_key_scheduled_for_deletion_fails_and_a_usable_one_passes(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    kms = client("kms")
    doomed = kms.create_key(Description="pending-bad")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/pending-bad", TargetKeyId=doomed)
    kms.schedule_key_deletion(KeyId=doomed, PendingWindowInDays=30)
    keys = key_arns(client)
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, "gdpr-art32-kms-key-not-pending-deletion") == {
        keys["alias/good-ledger"]: Status.PASS,
        keys["alias/bad-shared"]: Status.PASS,
        keys["alias/pending-bad"]: Status.FAIL,
    }
