"""CloudTrail: trails, their settings, whether they are logging now, which events they record,
and the CloudWatch alarms on the security events in the log groups they deliver to."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from adapters.aws.collectors import cloudwatch
from checker.models import Resource, Unresolved

#: The values of a classic data resource that mean every bucket's objects.
_ALL_S3 = frozenset({"arn:aws:s3", "arn:aws:s3:::"})
#: Advanced field selectors that keep a data selector whole (all objects, reads and writes),
#: beside `resources.ARN` naming whole buckets; any other field narrows what it records.
_WHOLE_FIELDS = frozenset({"eventCategory", "resources.type"})


class CloudTrailCollector(Collector):
    """Trails whose home is the region, with their logging status and event selectors, and
    one `cloudwatch.security_alarms` per region for the log groups of those trails.

    `S3DataEvents` sums up a trail's selectors: `AllBuckets` when it records reads and writes
    of every bucket's objects, `Buckets` the ARNs of the buckets whose objects it records
    whole (reads and writes, no prefix or event filter).
    """

    actions: ClassVar[tuple[str, ...]] = (
        "cloudtrail:DescribeTrails",
        "cloudtrail:GetTrailStatus",
        "cloudtrail:GetEventSelectors",
        "cloudtrail:GetInsightSelectors",
        *cloudwatch.ACTIONS,
    )
    resource_types: ClassVar[tuple[str, ...]] = ("cloudtrail.trail", cloudwatch.RESOURCE_TYPE)

    def collect(self, calls: Calls) -> list[Resource]:
        described = calls.call("cloudtrail", "DescribeTrails", includeShadowTrails=False)
        if isinstance(described, Unresolved):
            return [
                self.unlisted(calls, described, "cloudtrail.trail"),
                self.unlisted(calls, described, cloudwatch.RESOURCE_TYPE),
            ]
        resources = []
        log_groups = []
        for trail in described.get("trailList", []):
            arn = trail["TrailARN"]
            status = calls.call("cloudtrail", "GetTrailStatus", Name=arn)
            attributes = dict(trail)
            attributes["IsLogging"] = (
                status if isinstance(status, Unresolved) else status.get("IsLogging")
            )
            attributes.update(_selectors(calls, arn))
            insights = calls.call(
                "cloudtrail",
                "GetInsightSelectors",
                TrailName=arn,
                absent_codes=("InsightNotEnabledException",),
            )
            attributes["InsightSelectors"] = (
                insights
                if isinstance(insights, Unresolved)
                else (insights or {}).get("InsightSelectors", [])
            )
            if trail.get("CloudWatchLogsLogGroupArn"):
                log_groups.append(str(trail["CloudWatchLogsLogGroupArn"]))
            resources.append(make_resource(calls, "cloudtrail.trail", arn, attributes))
        resources.append(cloudwatch.security_alarms(calls, log_groups))
        return resources


def _selectors(calls: Calls, arn: str) -> dict[str, Any]:
    """A trail's event selectors, classic and advanced, and the S3 data events they record."""
    selectors = calls.call("cloudtrail", "GetEventSelectors", TrailName=arn)
    if isinstance(selectors, Unresolved):
        return dict.fromkeys(
            ("EventSelectors", "AdvancedEventSelectors", "S3DataEvents"), selectors
        )
    classic = selectors.get("EventSelectors") or []
    advanced = selectors.get("AdvancedEventSelectors") or []
    everything = False
    buckets: set[str] = set()
    for selector in classic:
        if selector.get("ReadWriteType", "All") != "All":
            continue
        for resource in selector.get("DataResources") or []:
            if resource.get("Type") != "AWS::S3::Object":
                continue
            for value in resource.get("Values") or []:
                everything |= value in _ALL_S3
                bucket = _whole_bucket(value)
                if bucket:
                    buckets.add(bucket)
    for selector in advanced:
        whole, named = _advanced_s3(selector.get("FieldSelectors") or [])
        everything |= whole and named is None
        buckets.update(named or ())
    return {
        "EventSelectors": classic,
        "AdvancedEventSelectors": advanced,
        "S3DataEvents": {"AllBuckets": everything, "Buckets": sorted(buckets)},
    }


def _whole_bucket(value: str) -> str | None:
    """The bucket ARN of `arn:aws:s3:::bucket/` (every object of one bucket), else None."""
    if not value.startswith("arn:aws:s3:::") or value.count("/") != 1 or not value.endswith("/"):
        return None
    return value.removesuffix("/")


def _advanced_s3(fields: list[Mapping[str, Any]]) -> tuple[bool, list[str] | None]:
    """Whether an advanced selector records every S3 object event (reads and writes) of the
    buckets it names, and those buckets' ARNs (None: every bucket)."""
    by_field = {str(f.get("Field")): f for f in fields}
    category = by_field.get("eventCategory", {})
    kind = by_field.get("resources.type", {})
    if "Data" not in (category.get("Equals") or []) or "AWS::S3::Object" not in (
        kind.get("Equals") or []
    ):
        return False, None
    arn = by_field.get("resources.ARN")
    if any(name not in _WHOLE_FIELDS | {"resources.ARN"} for name in by_field):
        return False, None
    if arn is None:
        return True, None
    if set(arn) - {"Field", "StartsWith"}:
        return False, None
    named = [_whole_bucket(str(value)) for value in arn.get("StartsWith") or []]
    return True, [bucket for bucket in named if bucket]
