"""CloudFront distributions: their configuration (viewer and origin protocols, certificate,
standard logging, web ACL) and the CloudWatch Logs deliveries of their access logs."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: Where CloudFront, its log delivery sources and its (CLOUDFRONT-scope) web ACLs are managed.
HOME_REGION = "us-east-1"


def in_home_region(calls: Calls) -> Calls:
    """The same collector's calls, made in CloudFront's home region whatever region the
    account's global collectors run from."""
    return calls if calls.target.region == HOME_REGION else calls.in_region(HOME_REGION)


class CloudFrontCollector(Collector):
    """Every distribution of the account with its full configuration; collected once per
    account, in us-east-1."""

    actions: ClassVar[tuple[str, ...]] = (
        "cloudfront:ListDistributions",
        "cloudfront:GetDistributionConfig",
        "logs:DescribeDeliverySources",
        "logs:DescribeDeliveries",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("cloudfront.distribution",)
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        calls = in_home_region(calls)
        summaries = self._distributions(calls)
        if isinstance(summaries, Unresolved):
            return [self.unlisted(calls, summaries, "cloudfront.distribution")]
        if not summaries:
            return []
        deliveries = self._access_log_deliveries(calls)
        resources = []
        for summary in summaries:
            answer = calls.call("cloudfront", "GetDistributionConfig", Id=summary["Id"])
            config = answer if isinstance(answer, Unresolved) else answer["DistributionConfig"]
            attributes = {
                "Id": summary["Id"],
                "ARN": summary["ARN"],
                "DomainName": summary.get("DomainName"),
                "Status": summary.get("Status"),
                "DistributionConfig": config,
                "AccessLogDeliveries": (
                    deliveries
                    if isinstance(deliveries, Unresolved)
                    else deliveries.get(summary["ARN"], [])
                ),
            }
            resources.append(
                make_resource(calls, "cloudfront.distribution", summary["ARN"], attributes)
            )
        return resources

    def _distributions(self, calls: Calls) -> list[dict[str, Any]] | Unresolved:
        # The distributions sit one level down (DistributionList.Items), which the generic
        # paginator does not reach: page by marker here.
        summaries: list[dict[str, Any]] = []
        paging: dict[str, Any] = {}
        while True:
            page = calls.call("cloudfront", "ListDistributions", **paging)
            if isinstance(page, Unresolved):
                return page
            listing = page.get("DistributionList", {})
            summaries.extend(listing.get("Items", []))
            marker = listing.get("NextMarker")
            if not listing.get("IsTruncated") or not marker:
                return summaries
            paging = {"Marker": marker}

    def _access_log_deliveries(self, calls: Calls) -> dict[str, list[dict[str, Any]]] | Unresolved:
        """The deliveries of access logs (standard logging v2), by distribution ARN."""
        sources = calls.paginate("logs", "DescribeDeliverySources", "deliverySources")
        if isinstance(sources, Unresolved):
            return sources
        by_source: dict[str, list[str]] = {
            source["name"]: list(source.get("resourceArns", []))
            for source in sources
            if source.get("service") in (None, "cloudfront")
            and source.get("logType") == "ACCESS_LOGS"
        }
        if not by_source:
            return {}
        deliveries = calls.paginate("logs", "DescribeDeliveries", "deliveries")
        if isinstance(deliveries, Unresolved):
            return deliveries
        found: dict[str, list[dict[str, Any]]] = {}
        for delivery in deliveries:
            for arn in by_source.get(delivery.get("deliverySourceName", ""), []):
                found.setdefault(arn, []).append(delivery)
        return found
