"""AWS Config: whether a configuration recorder is recording in the region."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class ConfigCollector(Collector):
    """One resource per region: whether configuration changes are recorded."""

    actions: ClassVar[tuple[str, ...]] = ("config:DescribeConfigurationRecorderStatus",)
    resource_types: ClassVar[tuple[str, ...]] = ("config.region",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        status = calls.call("config", "DescribeConfigurationRecorderStatus")
        recording = (
            status
            if isinstance(status, Unresolved)
            else any(r.get("recording") for r in status.get("ConfigurationRecordersStatus", []))
        )
        address = f"{target.account}/{target.region}/config"
        return [make_resource(calls, "config.region", address, {"Recording": recording})]
