"""GuardDuty: whether a detector is enabled in the region, the protection plans it runs
(malware scans of EBS volumes, runtime monitoring, S3 data events) and where it exports its
findings."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: Features GetDetector reports also through the older `DataSources`, and where.
_DATA_SOURCE_FEATURES = {
    "EBS_MALWARE_PROTECTION": ("MalwareProtection", "ScanEc2InstanceWithFindings", "EbsVolumes"),
    "S3_DATA_EVENTS": ("S3Logs",),
}


class GuardDutyCollector(Collector):
    """One resource per region: whether threat detection is on, and, for the enabled detector
    (GuardDuty allows one per region), `Features` (each feature's name and status, such as
    `EBS_MALWARE_PROTECTION: ENABLED`) and `PublishingDestinations` (each export with the
    bucket and KMS key it writes to). A region with no enabled detector has no features and
    no destinations."""

    actions: ClassVar[tuple[str, ...]] = (
        "guardduty:ListDetectors",
        "guardduty:GetDetector",
        "guardduty:ListPublishingDestinations",
        "guardduty:DescribePublishingDestination",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("guardduty.region",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        address = f"{target.account}/{target.region}/guardduty"
        detectors = calls.paginate("guardduty", "ListDetectors", "DetectorIds")
        if isinstance(detectors, Unresolved):
            failed = dict.fromkeys(("Enabled", "Features", "PublishingDestinations"), detectors)
            return [make_resource(calls, "guardduty.region", address, dict(failed))]
        described = {d: calls.call("guardduty", "GetDetector", DetectorId=d) for d in detectors}
        unknown = next((d for d in described.values() if isinstance(d, Unresolved)), None)
        active = [
            (detector, answer)
            for detector, answer in described.items()
            if not isinstance(answer, Unresolved) and answer.get("Status") == "ENABLED"
        ]
        features: Any = {} if unknown is None else unknown
        destinations: Any = [] if unknown is None else unknown
        if active:
            detector, answer = active[0]
            features = _features(answer)
            destinations = self._destinations(calls, detector)
        enabled: Any = bool(active) or (unknown if unknown is not None else False)
        attributes = {
            "Detectors": detectors,
            "Enabled": enabled,
            "Features": features,
            "PublishingDestinations": destinations,
        }
        return [make_resource(calls, "guardduty.region", address, attributes)]

    @staticmethod
    def _destinations(calls: Calls, detector: str) -> Any:
        """The detector's publishing destinations, each with its properties (the bucket and
        the KMS key), or `Unresolved` when they could not be listed."""
        listed: list[dict[str, Any]] = []
        token: dict[str, Any] = {}
        while True:
            page = calls.call(
                "guardduty", "ListPublishingDestinations", DetectorId=detector, **token
            )
            if isinstance(page, Unresolved):
                return page
            listed.extend(page.get("Destinations", []))
            if not page.get("NextToken"):
                break
            token = {"NextToken": str(page["NextToken"])}
        destinations = []
        for destination in listed:
            described = calls.call(
                "guardduty",
                "DescribePublishingDestination",
                DetectorId=detector,
                DestinationId=destination["DestinationId"],
            )
            properties = (
                described
                if isinstance(described, Unresolved)
                else described.get("DestinationProperties", {})
            )
            destinations.append({**destination, "DestinationProperties": properties})
        return destinations


def _features(detector: dict[str, Any]) -> dict[str, Any]:
    """Each feature's status by name; a feature GetDetector lists only among the older data
    sources is read from there."""
    features = {
        str(item["Name"]): item.get("Status")
        for item in detector.get("Features") or []
        if isinstance(item, dict) and item.get("Name")
    }
    for name, path in _DATA_SOURCE_FEATURES.items():
        if name in features:
            continue
        node: Any = detector.get("DataSources") or {}
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and node.get("Status"):
            features[name] = node["Status"]
    return features
