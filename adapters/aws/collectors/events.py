"""EventBridge: event buses and the resource policy that says who may put events on them."""

from __future__ import annotations

import json
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class EventBridgeCollector(Collector):
    """Every event bus, per region, with its `Policy` as JSON (absent when the bus has none,
    so that only the account's own principals may use it)."""

    actions: ClassVar[tuple[str, ...]] = ("events:ListEventBuses",)
    resource_types: ClassVar[tuple[str, ...]] = ("events.event_bus",)

    def collect(self, calls: Calls) -> list[Resource]:
        # botocore has no paginator for ListEventBuses; its answer carries each bus's policy.
        buses = calls.follow("events", "ListEventBuses", "EventBuses")
        if isinstance(buses, Unresolved):
            return [self.unlisted(calls, buses, "events.event_bus")]
        return [
            make_resource(calls, "events.event_bus", bus["Arn"], _with_policy(bus)) for bus in buses
        ]


def _with_policy(bus: dict[str, Any]) -> dict[str, Any]:
    """The bus's attributes with its policy parsed; a policy that is not JSON is unknown, so
    that the checks reading it are `error` rather than a pass on nothing."""
    attributes = dict(bus)
    if isinstance(bus.get("Policy"), str):
        try:
            attributes["Policy"] = json.loads(bus["Policy"])
        except ValueError:
            attributes["Policy"] = Unresolved(f"the policy of event bus {bus['Arn']}", "not JSON")
    return attributes
