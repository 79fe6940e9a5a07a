"""Classic Load Balancers: their attributes (access logs), their listeners and the SSL
negotiation policies those listeners use."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class ElbCollector(Collector):
    """Classic Load Balancers with their attributes, each listener with the policies it names
    described, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerPolicies",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("elb.load_balancer",)

    def collect(self, calls: Calls) -> list[Resource]:
        balancers = calls.paginate("elb", "DescribeLoadBalancers", "LoadBalancerDescriptions")
        if isinstance(balancers, Unresolved):
            return [self.unlisted(calls, balancers, "elb.load_balancer")]
        target = calls.target
        resources = []
        for balancer in balancers:
            name = balancer["LoadBalancerName"]
            arn = (
                f"arn:aws:elasticloadbalancing:{target.region}:{target.account}:loadbalancer/{name}"
            )
            attributes = dict(balancer)
            attributes["ListenerDescriptions"] = self._listeners(calls, balancer)
            described = calls.call("elb", "DescribeLoadBalancerAttributes", LoadBalancerName=name)
            attributes["LoadBalancerAttributes"] = (
                described
                if isinstance(described, Unresolved)
                else described["LoadBalancerAttributes"]
            )
            resources.append(make_resource(calls, "elb.load_balancer", arn, attributes))
        return resources

    @staticmethod
    def _listeners(calls: Calls, balancer: dict[str, Any]) -> list[dict[str, Any]]:
        """The balancer's listener descriptions, each with `PolicyDescriptions`: the policies
        its `PolicyNames` name, attributes included (or why they could not be read)."""
        listeners = [dict(listener) for listener in balancer.get("ListenerDescriptions", [])]
        if not listeners:
            return listeners
        answer = calls.call(
            "elb", "DescribeLoadBalancerPolicies", LoadBalancerName=balancer["LoadBalancerName"]
        )
        if isinstance(answer, Unresolved):
            for listener in listeners:
                listener["PolicyDescriptions"] = answer
            return listeners
        by_name = {
            policy.get("PolicyName"): policy for policy in answer.get("PolicyDescriptions", [])
        }
        for listener in listeners:
            listener["PolicyDescriptions"] = [
                by_name[policy_name]
                for policy_name in listener.get("PolicyNames", [])
                if policy_name in by_name
            ]
        return listeners
