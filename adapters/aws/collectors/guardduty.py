"""GuardDuty: whether a detector is enabled in the region."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class GuardDutyCollector(Collector):
    """One resource per region: whether threat detection is on."""

    actions: ClassVar[tuple[str, ...]] = ("guardduty:ListDetectors", "guardduty:GetDetector")
    resource_types: ClassVar[tuple[str, ...]] = ("guardduty.region",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        address = f"{target.account}/{target.region}/guardduty"
        detectors = calls.paginate("guardduty", "ListDetectors", "DetectorIds")
        if isinstance(detectors, Unresolved):
            return [make_resource(calls, "guardduty.region", address, {"Enabled": detectors})]
        statuses = []
        for detector in detectors:
            described = calls.call("guardduty", "GetDetector", DetectorId=detector)
            statuses.append(
                described if isinstance(described, Unresolved) else described.get("Status")
            )
        unknown = next((s for s in statuses if isinstance(s, Unresolved)), None)
        enabled = "ENABLED" in statuses or (unknown if unknown is not None else False)
        return [
            make_resource(
                calls, "guardduty.region", address, {"Detectors": detectors, "Enabled": enabled}
            )
        ]
