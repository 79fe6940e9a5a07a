"""Shield Advanced: the account's subscription and the resources it protects.

`shield.subscription` is one per account, with `Subscription` (DescribeSubscription's fields,
among them `StartTime`, `AutoRenew` and `SubscriptionArn`; absent when the account has no Shield
Advanced subscription). `shield.protection` is one protected resource, with `Id`, `Name` and
`ResourceArn` (the load balancer, distribution, Elastic IP or hosted zone it protects), which
links it to that resource.
"""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class ShieldCollector(Collector):
    """The Shield Advanced subscription and protections; collected once per account."""

    actions: ClassVar[tuple[str, ...]] = ("shield:DescribeSubscription", "shield:ListProtections")
    resource_types: ClassVar[tuple[str, ...]] = ("shield.subscription", "shield.protection")
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        account = calls.target.account
        answer = calls.call(
            "shield", "DescribeSubscription", absent_codes=("ResourceNotFoundException",)
        )
        subscription = (
            answer
            if answer is None or isinstance(answer, Unresolved)
            else (answer.get("Subscription"))
        )
        resources = [
            make_resource(
                calls,
                "shield.subscription",
                f"arn:aws:shield::{account}:subscription",
                {"Subscription": subscription},
            )
        ]
        protections = calls.paginate("shield", "ListProtections", "Protections")
        if isinstance(protections, Unresolved):
            return [*resources, self.unlisted(calls, protections, "shield.protection")]
        for protection in protections:
            address = protection.get("ProtectionArn") or (
                f"arn:aws:shield::{account}:protection/{protection['Id']}"
            )
            attributes = {key: protection.get(key) for key in ("Id", "Name", "ResourceArn")}
            resources.append(make_resource(calls, "shield.protection", address, attributes))
        return resources
