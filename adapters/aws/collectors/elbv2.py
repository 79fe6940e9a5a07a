"""Load balancers: ALB and NLB with their attributes (access logs), web ACL and listeners'
protocols and TLS policies."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class Elbv2Collector(Collector):
    """Every application, network and gateway load balancer and its listeners, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners",
        "wafv2:GetWebACLForResource",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("elbv2.load_balancer", "elbv2.listener")

    def collect(self, calls: Calls) -> list[Resource]:
        balancers = calls.paginate("elbv2", "DescribeLoadBalancers", "LoadBalancers")
        if isinstance(balancers, Unresolved):
            return [self.unlisted(calls, balancers, kind) for kind in self.resource_types]
        resources = []
        for balancer in balancers:
            resources.append(self._balancer(calls, balancer))
            listeners = calls.paginate(
                "elbv2",
                "DescribeListeners",
                "Listeners",
                LoadBalancerArn=balancer["LoadBalancerArn"],
            )
            if isinstance(listeners, Unresolved):
                resources.append(self.unlisted(calls, listeners, "elbv2.listener"))
                continue
            for listener in listeners:
                resources.append(
                    make_resource(calls, "elbv2.listener", listener["ListenerArn"], listener)
                )
        return resources

    def _balancer(self, calls: Calls, balancer: dict[str, Any]) -> Resource:
        arn = balancer["LoadBalancerArn"]
        described = calls.call("elbv2", "DescribeLoadBalancerAttributes", LoadBalancerArn=arn)
        attributes = {
            **balancer,
            "Attributes": (
                described if isinstance(described, Unresolved) else described["Attributes"]
            ),
        }
        # Only internet-facing application load balancers can take, and need, a web ACL.
        internet_facing = balancer.get("Scheme", "internet-facing") == "internet-facing"
        if balancer.get("Type") == "application" and internet_facing:
            answer = calls.call(
                "wafv2",
                "GetWebACLForResource",
                absent_codes=("WAFNonexistentItemException",),
                ResourceArn=arn,
            )
            attributes["WebACL"] = (
                answer if answer is None or isinstance(answer, Unresolved) else answer.get("WebACL")
            )
        return make_resource(calls, "elbv2.load_balancer", arn, attributes)
