"""The EventBridge collector against moto's server: event bus policies, judged by the
public-resource-policy control."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.events import EventBridgeCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    denied,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [EventBridgeCollector()]
PUBLIC_POLICIES = "pci-1.4.4-no-public-resource-policies"


def _arn(name: str) -> str:
    return f"arn:aws:events:{REGIONS[0]}:123456789012:event-bus/{name}"


def _put_events(bus: str, **condition: dict[str, str]) -> str:
    """An event bus policy letting every principal put events, as AWS writes the one that
    PutPermission makes for Principal "*" (moto writes that principal differently)."""
    statement: dict[str, Any] = {
        "Sid": "PutEvents",
        "Effect": "Allow",
        "Principal": "*",
        "Action": "events:PutEvents",
        "Resource": _arn(bus),
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def seed(client: Callable[[str], Any]) -> None:
    """An event bus open to the organization only, one open to everyone, and one a single
    partner account may put events on."""
    events = client("events")
    for name in ("payouts-good", "refunds-bad", "partner-good"):
        events.create_event_bus(Name=name)
    organization = {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}
    events.put_permission(
        EventBusName="payouts-good", Policy=_put_events("payouts-good", StringEquals=organization)
    )
    events.put_permission(EventBusName="refunds-bad", Policy=_put_events("refunds-bad"))
    events.put_permission(
        EventBusName="partner-good",
        Action="events:PutEvents",
        Principal="210987654321",
        StatementId="Partner",
    )


def test_event_buses_are_judged_by_who_their_policy_lets_put_events(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, PUBLIC_POLICIES) == {
        _arn("default"): Status.PASS,
        _arn("payouts-good"): Status.PASS,
        _arn("refunds-bad"): Status.FAIL,
        _arn("partner-good"): Status.PASS,
    }
    (refunds,) = [r for r in snapshot.resources if r.address == _arn("refunds-bad")]
    assert refunds.attributes["Policy"]["Statement"][0]["Principal"] == "*"


def test_a_denied_listing_errors_every_event_bus_check(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    hooks = {"before-call.eventbridge.ListEventBuses": denied("ListEventBuses")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    statuses = verdicts_of(report, PUBLIC_POLICIES)
    assert set(statuses.values()) == {Status.ERROR}
    assert "events:ListEventBuses" in next(
        f.message for r in report.results if r.control.id == PUBLIC_POLICIES for f in r.findings
    )
