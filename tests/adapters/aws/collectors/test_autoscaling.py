"""The Auto Scaling collector against moto's server, and the controls that judge launch
configurations: IMDSv2 for the instances they launch, and no public IP address for them."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.autoscaling import AutoScalingCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [AutoScalingCollector()]
IMDSV2 = "pci-2.2.6-ec2-imdsv2"
NO_PUBLIC_IP = "pci-1.3.1-launch-configuration-no-public-ip"
AMI = "ami-12c6146b"


def seed(client: Callable[[str], Any]) -> dict[str, str]:
    """Launch configurations by name, their ARNs."""
    autoscaling = client("autoscaling")
    made: dict[str, dict[str, Any]] = {
        "private-good": {
            "AssociatePublicIpAddress": False,
            "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"},
        },
        "public-bad": {
            "AssociatePublicIpAddress": True,
            "MetadataOptions": {"HttpTokens": "required"},
        },
        "imdsv1-bad": {
            "AssociatePublicIpAddress": False,
            "MetadataOptions": {"HttpTokens": "optional", "HttpEndpoint": "enabled"},
            "UserData": base64.b64encode(b"#!/bin/sh\nexport DB_PASSWORD=fake-canary\n").decode(),
        },
        "no-metadata-good": {
            "AssociatePublicIpAddress": False,
            "MetadataOptions": {"HttpEndpoint": "disabled"},
        },
    }
    for name, settings in made.items():
        autoscaling.create_launch_configuration(
            LaunchConfigurationName=name, ImageId=AMI, InstanceType="t3.micro", **settings
        )
    configurations = autoscaling.describe_launch_configurations()["LaunchConfigurations"]
    return {c["LaunchConfigurationName"]: c["LaunchConfigurationARN"] for c in configurations}


def test_launch_configurations_are_judged_for_imdsv2_and_public_addresses(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, IMDSV2) == {
        arns["private-good"]: Status.PASS,
        arns["public-bad"]: Status.PASS,
        arns["imdsv1-bad"]: Status.FAIL,
        arns["no-metadata-good"]: Status.PASS,
    }
    assert verdicts_of(report, NO_PUBLIC_IP) == {
        arns["private-good"]: Status.PASS,
        arns["public-bad"]: Status.FAIL,
        arns["imdsv1-bad"]: Status.PASS,
        arns["no-metadata-good"]: Status.PASS,
    }
    # Base64 would hide a credential in the user data from masking: it is not kept.
    imdsv1 = next(r for r in snapshot.resources if r.address == arns["imdsv1-bad"])
    assert "UserData" not in imdsv1.attributes
    assert imdsv1.attributes["HttpTokensRequired"] is False


def test_a_launch_configuration_that_does_not_state_public_addressing_fails(
    endpoint: str,
) -> None:
    # moto answers AssociatePublicIpAddress=false when it was not given; AWS leaves it out.
    reset(endpoint)
    arns = seed(client_for(endpoint))

    def drop_public_ip(parsed: dict[str, Any], **_: Any) -> None:
        for configuration in parsed.get("LaunchConfigurations", []):
            if configuration["LaunchConfigurationName"] == "private-good":
                configuration.pop("AssociatePublicIpAddress", None)

    hook = {"after-call.auto-scaling.DescribeLaunchConfigurations": drop_public_ip}
    _, report = scan_with(endpoint, COLLECTORS, **hook)
    assert verdicts_of(report, NO_PUBLIC_IP)[arns["private-good"]] == Status.FAIL


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeLaunchConfigurations")


def test_an_unlisted_region_errors_both_controls(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hook = {"before-call.auto-scaling.DescribeLaunchConfigurations": _denied}
    _, report = scan_with(endpoint, COLLECTORS, **hook)
    stand_in = f"123456789012/{REGIONS[0]}/autoscaling.launch_configuration/*"
    for control in (IMDSV2, NO_PUBLIC_IP):
        assert verdicts_of(report, control) == {stand_in: Status.ERROR}
        (result,) = [r for r in report.results if r.control.id == control]
        assert "autoscaling:DescribeLaunchConfigurations" in result.findings[0].message
