"""Load balancers (ALB and NLB): their listeners' protocols and TLS policies."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class Elbv2Collector(Collector):
    """Listeners of every load balancer, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeListeners",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("elbv2.listener",)

    def collect(self, calls: Calls) -> list[Resource]:
        balancers = calls.paginate("elbv2", "DescribeLoadBalancers", "LoadBalancers")
        if isinstance(balancers, Unresolved):
            return [self.unlisted(calls, balancers, "elbv2.listener")]
        resources = []
        for balancer in balancers:
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
