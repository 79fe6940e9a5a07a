"""The SQS and SNS collectors' access policies against moto, judged by the public-resource-policy
control."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.messaging import SnsCollector, SqsCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

PUBLIC_POLICIES = "pci-1.4.4-no-public-resource-policies"
ACCOUNT = "123456789012"


def policy(action: str, principal: Any, condition: dict[str, Any] | None = None) -> str:
    """A one-statement resource policy."""
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": principal,
        "Action": action,
        "Resource": "*",
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant SQS and SNS resources in one region."""
    sqs, sns, kms = client("sqs"), client("sns"), client("kms")
    key = kms.create_key(Description="messaging")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    topic = sns.create_topic(Name="good-payment-events", Attributes={"KmsMasterKeyId": key})
    sqs.create_queue(
        QueueName="good-settlements",
        Attributes={
            "KmsMasterKeyId": key,
            "Policy": policy(
                "sqs:SendMessage",
                {"Service": "sns.amazonaws.com"},
                {"ArnEquals": {"aws:SourceArn": topic["TopicArn"]}},
            ),
        },
    )
    sqs.create_queue(
        QueueName="bad-webhooks",
        Attributes={
            "SqsManagedSseEnabled": "false",
            "Policy": policy("sqs:SendMessage", "*"),
        },
    )
    bad = sns.create_topic(Name="bad-alerts")["TopicArn"]
    sns.set_topic_attributes(
        TopicArn=bad,
        AttributeName="Policy",
        AttributeValue=policy("sns:Publish", {"AWS": "*"}),
    )


def seed_more(client: Callable[[str], Any]) -> None:
    """Everyone allowed, but only from the organization or one endpoint."""
    sqs, sns = client("sqs"), client("sns")
    sqs.create_queue(
        QueueName="org-jobs",
        Attributes={
            "Policy": policy(
                "sqs:SendMessage", "*", {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}
            )
        },
    )
    sqs.create_queue(
        QueueName="open-jobs",
        Attributes={
            "Policy": policy("sqs:SendMessage", "*", {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}})
        },
    )
    sns.create_topic(Name="default-policy")


COLLECTORS = [SqsCollector(), SnsCollector()]


def test_queue_and_topic_policies_open_to_everyone_fail(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    seed_more(client)
    _, report = scan_with(endpoint, COLLECTORS)
    statuses = verdicts_of(report, PUBLIC_POLICIES)
    prefix = f"{REGIONS[0]}:{ACCOUNT}"
    expected = {
        f"arn:aws:sqs:{prefix}:good-settlements": Status.PASS,
        f"arn:aws:sqs:{prefix}:bad-webhooks": Status.FAIL,
        f"arn:aws:sqs:{prefix}:org-jobs": Status.PASS,
        f"arn:aws:sqs:{prefix}:open-jobs": Status.FAIL,
        f"arn:aws:sns:{prefix}:good-payment-events": Status.PASS,
        f"arn:aws:sns:{prefix}:bad-alerts": Status.FAIL,
        # SNS's own default policy allows "*" only with AWS:SourceOwner, the owning account.
        f"arn:aws:sns:{prefix}:default-policy": Status.PASS,
    }
    for address, status in expected.items():
        assert statuses[address] is status, address
