"""AWS Security Hub: whether the hub is enabled in the region, and its enabled standards."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: DescribeHub's answers for an account not subscribed to Security Hub in the region.
NOT_ENABLED = ("InvalidAccessException", "ResourceNotFoundException")


class SecurityHubCollector(Collector):
    """One resource per region: `Enabled`, and the `StandardsSubscriptions` of an enabled
    hub (a region without a hub is a stand-in with `Enabled` false and no standards)."""

    actions: ClassVar[tuple[str, ...]] = (
        "securityhub:DescribeHub",
        "securityhub:GetEnabledStandards",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("securityhub.hub",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        address = f"{target.account}/{target.region}/securityhub"
        hub = calls.call("securityhub", "DescribeHub", absent_codes=NOT_ENABLED)
        attributes: dict[str, Any]
        if hub is None:
            attributes = {"Enabled": False, "StandardsSubscriptions": []}
        elif isinstance(hub, Unresolved):
            attributes = {"Enabled": hub, "StandardsSubscriptions": hub}
        else:
            standards = calls.paginate(
                "securityhub", "GetEnabledStandards", "StandardsSubscriptions"
            )
            attributes = {
                "Enabled": True,
                "HubArn": hub.get("HubArn"),
                "SubscribedAt": hub.get("SubscribedAt"),
                "AutoEnableControls": hub.get("AutoEnableControls"),
                "StandardsSubscriptions": standards,
            }
        return [make_resource(calls, "securityhub.hub", address, attributes)]
