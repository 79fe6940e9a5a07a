"""AWS Network Firewall: each firewall with the policy it enforces (stateless and stateful
default actions, rule order) and its logging configuration."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved

SERVICE = "network-firewall"


class NetworkFirewallCollector(Collector):
    """Every firewall of a region, as `networkfirewall.firewall`.

    A firewall carries its `Firewall` description, `FirewallStatus`, the `FirewallPolicy` it
    enforces (read once per policy, however many firewalls share it) and its
    `LoggingConfiguration`. A call that fails leaves the value it would have given
    `Unresolved`, so only the checks that read it are `error`.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "network-firewall:ListFirewalls",
        "network-firewall:DescribeFirewall",
        "network-firewall:DescribeFirewallPolicy",
        "network-firewall:DescribeLoggingConfiguration",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("networkfirewall.firewall",)

    def collect(self, calls: Calls) -> list[Resource]:
        listed = calls.paginate(SERVICE, "ListFirewalls", "Firewalls")
        if isinstance(listed, Unresolved):
            return [self.unlisted(calls, listed, "networkfirewall.firewall")]
        policies: dict[str, Any] = {}
        return [self._firewall(calls, summary, policies) for summary in listed]

    def _firewall(
        self, calls: Calls, summary: dict[str, Any], policies: dict[str, Any]
    ) -> Resource:
        arn = summary["FirewallArn"]
        attributes: dict[str, Any] = {"FirewallName": summary.get("FirewallName")}
        tags: Any = {}
        described = calls.call(SERVICE, "DescribeFirewall", FirewallArn=arn)
        if isinstance(described, Unresolved):
            # Without the description neither the policy nor the tags are known.
            attributes.update(Firewall=described, FirewallPolicy=described)
            tags = described
        else:
            firewall = described.get("Firewall") or {}
            attributes.update(Firewall=firewall, FirewallStatus=described.get("FirewallStatus"))
            tags = tags_of(firewall.get("Tags"))
            policy_arn = firewall.get("FirewallPolicyArn")
            if policy_arn:
                attributes["FirewallPolicyArn"] = policy_arn
                attributes["FirewallPolicy"] = self._policy(calls, policy_arn, policies)
        logging = calls.call(SERVICE, "DescribeLoggingConfiguration", FirewallArn=arn)
        attributes["LoggingConfiguration"] = (
            logging if isinstance(logging, Unresolved) else logging.get("LoggingConfiguration")
        )
        return make_resource(calls, "networkfirewall.firewall", arn, attributes, tags)

    def _policy(self, calls: Calls, arn: str, policies: dict[str, Any]) -> Any:
        """The firewall policy's rules and defaults, read once per policy in the region."""
        if arn not in policies:
            answer = calls.call(SERVICE, "DescribeFirewallPolicy", FirewallPolicyArn=arn)
            policies[arn] = (
                answer if isinstance(answer, Unresolved) else answer.get("FirewallPolicy")
            )
        return policies[arn]
