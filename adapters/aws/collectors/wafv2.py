"""WAFv2 web ACLs: their rules and logging configuration, regional and for CloudFront."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from adapters.aws.collectors.cloudfront import in_home_region
from checker.models import Resource, Unresolved

_ACTIONS = ("wafv2:ListWebACLs", "wafv2:GetWebACL", "wafv2:GetLoggingConfiguration")
_PAGE_SIZE = 100


def _web_acls(collector: Collector, calls: Calls, scope: str) -> list[Resource]:
    """The web ACLs of one scope where `calls` runs, each with its rules and logging."""
    summaries: list[dict[str, Any]] = []
    paging: dict[str, Any] = {}
    while True:
        page = calls.call("wafv2", "ListWebACLs", Scope=scope, Limit=_PAGE_SIZE, **paging)
        if isinstance(page, Unresolved):
            return [collector.unlisted(calls, page, "wafv2.web_acl")]
        acls = page.get("WebACLs", [])
        summaries.extend(acls)
        marker = page.get("NextMarker")
        if not acls or not marker:
            break
        paging = {"NextMarker": marker}
    resources = []
    for summary in summaries:
        answer = calls.call(
            "wafv2", "GetWebACL", Name=summary["Name"], Scope=scope, Id=summary["Id"]
        )
        acl: dict[str, Any] = (
            {**summary, "Rules": answer}
            if isinstance(answer, Unresolved)
            else {**summary, **answer["WebACL"]}
        )
        logging = calls.call(
            "wafv2",
            "GetLoggingConfiguration",
            absent_codes=("WAFNonexistentItemException",),
            ResourceArn=summary["ARN"],
        )
        acl["Scope"] = scope
        acl["LoggingConfiguration"] = (
            logging
            if logging is None or isinstance(logging, Unresolved)
            else logging.get("LoggingConfiguration")
        )
        resources.append(make_resource(calls, "wafv2.web_acl", summary["ARN"], acl))
    return resources


class Wafv2Collector(Collector):
    """Regional web ACLs (for load balancers, API stages, AppSync), per region."""

    actions: ClassVar[tuple[str, ...]] = _ACTIONS
    resource_types: ClassVar[tuple[str, ...]] = ("wafv2.web_acl",)

    def collect(self, calls: Calls) -> list[Resource]:
        return _web_acls(self, calls, "REGIONAL")


class Wafv2CloudFrontCollector(Collector):
    """Web ACLs for CloudFront distributions; collected once per account, in us-east-1, the
    only region that serves the CLOUDFRONT scope."""

    actions: ClassVar[tuple[str, ...]] = _ACTIONS
    resource_types: ClassVar[tuple[str, ...]] = ("wafv2.web_acl",)
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        return _web_acls(self, in_home_region(calls), "CLOUDFRONT")
