"""CloudTrail: trails, their settings and whether they are logging now."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class CloudTrailCollector(Collector):
    """Trails whose home is the region, with their logging status."""

    actions: ClassVar[tuple[str, ...]] = ("cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus")
    resource_types: ClassVar[tuple[str, ...]] = ("cloudtrail.trail",)

    def collect(self, calls: Calls) -> list[Resource]:
        described = calls.call("cloudtrail", "DescribeTrails", includeShadowTrails=False)
        if isinstance(described, Unresolved):
            return [self.unlisted(calls, described, "cloudtrail.trail")]
        resources = []
        for trail in described.get("trailList", []):
            status = calls.call("cloudtrail", "GetTrailStatus", Name=trail["TrailARN"])
            attributes = dict(trail)
            attributes["IsLogging"] = (
                status if isinstance(status, Unresolved) else status.get("IsLogging")
            )
            resources.append(
                make_resource(calls, "cloudtrail.trail", trail["TrailARN"], attributes)
            )
        return resources
