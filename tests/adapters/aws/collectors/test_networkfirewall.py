"""The Network Firewall collector against moto's server, with the firewall policies (which
moto's server does not implement) answered from recorded responses: default-drop policies and
alert and flow logging."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.networkfirewall import NetworkFirewallCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    client_for,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [NetworkFirewallCollector()]
DEFAULT_DROP = "pci-1.4.2-network-firewall-default-drop"
LOGGING = "pci-10.2.1-network-firewall-logging"
PREFIX = "arn:aws:network-firewall:eu-west-1:123456789012"
STRICT = f"{PREFIX}:firewall-policy/egress-strict"
PASSING = f"{PREFIX}:firewall-policy/egress-default-order"
DESCRIBE_POLICY = "before-call.network-firewall.DescribeFirewallPolicy"


def _log(log_type: str, group: str) -> dict[str, Any]:
    return {
        "LogType": log_type,
        "LogDestinationType": "CloudWatchLogs",
        "LogDestination": {"logGroup": group},
    }


def seed(client: Callable[[str], Any]) -> None:
    """Firewalls with a default-drop or a passing policy, logging both alerts and flows, alerts
    only, or nothing."""
    ec2, firewall = client("ec2"), client("network-firewall")
    vpc = ec2.describe_vpcs()["Vpcs"][0]
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    for name, policy, logs in (
        ("inspection-good", STRICT, [_log("ALERT", "/nfw/alert"), _log("FLOW", "/nfw/flow")]),
        ("egress-bad", PASSING, [_log("ALERT", "/nfw/alert")]),
        ("unlogged-bad", STRICT, []),
    ):
        firewall.create_firewall(
            FirewallName=name,
            FirewallPolicyArn=policy,
            VpcId=vpc["VpcId"],
            SubnetMappings=[{"SubnetId": subnet}],
            Tags=[{"Key": "Name", "Value": name}],
        )
        if logs:
            firewall.update_logging_configuration(
                FirewallName=name, LoggingConfiguration={"LogDestinationConfigs": logs}
            )


def policies(calls: list[str]) -> dict[str, Callable[..., Any]]:
    """DescribeFirewallPolicy answered from the recorded response of the policy asked for; each
    policy asked for is appended to `calls`."""
    answers = {
        STRICT: recorded_responses("network-firewall", "networkfirewall-strict-policy"),
        PASSING: recorded_responses("network-firewall", "networkfirewall-pass-policy"),
    }

    def answer(params: dict[str, Any], **kwargs: Any) -> Any:
        arn = json.loads(params["body"])["FirewallPolicyArn"]
        calls.append(arn)
        return answers[arn][DESCRIBE_POLICY](params=params, **kwargs)

    return {DESCRIBE_POLICY: answer}


def _arn(name: str) -> str:
    return f"{PREFIX}:firewall/{name}"


def test_firewalls_are_judged_by_their_policy_defaults_and_their_logging(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    asked: list[str] = []
    snapshot, report = scan_with(endpoint, COLLECTORS, **policies(asked))
    assert snapshot.errors == ()
    assert verdicts_of(report, DEFAULT_DROP) == {
        _arn("inspection-good"): Status.PASS,
        _arn("egress-bad"): Status.FAIL,
        _arn("unlogged-bad"): Status.PASS,
    }
    assert verdicts_of(report, LOGGING) == {
        _arn("inspection-good"): Status.PASS,
        _arn("egress-bad"): Status.FAIL,
        _arn("unlogged-bad"): Status.FAIL,
    }
    # Two firewalls share the strict policy: it is read once.
    assert sorted(asked) == sorted([STRICT, PASSING])
    good = next(r for r in snapshot.resources if r.address == _arn("inspection-good"))
    assert good.tags == {"Name": "inspection-good"}
    assert good.attributes["FirewallPolicyArn"] == STRICT


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeLoggingConfiguration")


def test_an_unreadable_logging_configuration_errors_only_the_logging_check(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {
        **policies([]),
        "before-call.network-firewall.DescribeLoggingConfiguration": _denied,
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert set(verdicts_of(report, LOGGING).values()) == {Status.ERROR}
    assert len(verdicts_of(report, LOGGING)) == 3
    assert verdicts_of(report, DEFAULT_DROP)[_arn("egress-bad")] is Status.FAIL
    assert verdicts_of(report, DEFAULT_DROP)[_arn("inspection-good")] is Status.PASS


def test_an_unreadable_policy_errors_only_the_default_drop_check(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {DESCRIBE_POLICY: _denied}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert set(verdicts_of(report, DEFAULT_DROP).values()) == {Status.ERROR}
    assert verdicts_of(report, LOGGING)[_arn("inspection-good")] is Status.PASS
    assert verdicts_of(report, LOGGING)[_arn("unlogged-bad")] is Status.FAIL


def test_a_failed_listing_errors_every_firewall_check(endpoint: str) -> None:
    reset(endpoint)
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.network-firewall.ListFirewalls": _denied}
    )
    stand_in = "123456789012/eu-west-1/networkfirewall.firewall/*"
    assert verdicts_of(report, DEFAULT_DROP) == {stand_in: Status.ERROR}
    assert verdicts_of(report, LOGGING) == {stand_in: Status.ERROR}
