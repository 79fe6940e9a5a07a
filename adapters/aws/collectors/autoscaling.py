"""Auto Scaling: launch configurations, with their metadata options and public addressing."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from adapters.aws.collectors.ec2 import tokens_required
from checker.models import Resource, Unresolved


class AutoScalingCollector(Collector):
    """Every launch configuration, per region.

    `HttpTokensRequired` states whether the instances launched require IMDSv2 (as for EC2
    instances: masking would hide `HttpTokens` by its name). `UserData` is left out: it is
    base64-encoded, which would hide any credential in it from masking, and no check reads it.
    """

    actions: ClassVar[tuple[str, ...]] = ("autoscaling:DescribeLaunchConfigurations",)
    resource_types: ClassVar[tuple[str, ...]] = ("autoscaling.launch_configuration",)

    def collect(self, calls: Calls) -> list[Resource]:
        configurations = calls.paginate(
            "autoscaling", "DescribeLaunchConfigurations", "LaunchConfigurations"
        )
        if isinstance(configurations, Unresolved):
            return [self.unlisted(calls, configurations, "autoscaling.launch_configuration")]
        resources = []
        for configuration in configurations:
            attributes = {
                **{key: value for key, value in configuration.items() if key != "UserData"},
                **tokens_required(configuration.get("MetadataOptions")),
            }
            resources.append(
                make_resource(
                    calls,
                    "autoscaling.launch_configuration",
                    configuration["LaunchConfigurationARN"],
                    attributes,
                )
            )
        return resources
