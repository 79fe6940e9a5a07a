"""EC2 instances and launch templates against moto: IMDSv2 and credentials in user data."""

from __future__ import annotations

import base64
import gzip
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.ec2 import Ec2Collector
from checker.models import Resource, Snapshot, Status, Unresolved
from checker.serialization import snapshot_to_dict
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    denied,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [Ec2Collector()]
IMDSV2 = "pci-2.2.6-ec2-imdsv2"
USER_DATA = "pci-8.6.2-user-data-secrets"
PASSWORD_CANARY = "fake-user-data-canary-1"
TEMPLATE_CANARY = "fake-template-canary-2"
GZIP_CANARY = "fake-gzip-canary-3"


def _tagged(kind: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def _encoded(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant EC2 instances and launch templates in one region."""
    ec2 = client("ec2")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    for name, tokens, user_data in (
        ("imds-good", "required", "#!/bin/bash\nsystemctl start ledger\n"),
        ("imds-bad", "optional", f"#!/bin/bash\nexport DB_PASSWORD={PASSWORD_CANARY}\n"),
    ):
        ec2.run_instances(
            ImageId=image,
            InstanceType="t3.micro",
            MinCount=1,
            MaxCount=1,
            MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": "enabled"},
            UserData=user_data,
            TagSpecifications=_tagged("instance", name),
        )
    for name, options, user_data in (
        (
            "template-good",
            {"HttpTokens": "required", "HttpPutResponseHopLimit": 1},
            "#!/bin/bash\nsystemctl start worker\n",
        ),
        # No metadata options at all: the AMI decides, which the control does not accept.
        ("template-bad", None, f"#!/bin/bash\nexport API_TOKEN={TEMPLATE_CANARY}\n"),
    ):
        data: dict[str, Any] = {"ImageId": image, "UserData": _encoded(user_data)}
        if options:
            data["MetadataOptions"] = options
        ec2.create_launch_template(
            LaunchTemplateName=name,
            LaunchTemplateData=data,
            TagSpecifications=_tagged("launch-template", name),
        )


def name_of(resource: Resource) -> str | None:
    return None if isinstance(resource.tags, Unresolved) else resource.tags.get("Name")


def arn_of(snapshot: Snapshot, resource_type: str, name: str) -> str:
    (resource,) = [r for r in snapshot.resources if r.type == resource_type and name_of(r) == name]
    return resource.address


def test_instances_and_default_launch_template_versions_are_judged_for_imdsv2(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = verdicts_of(report, IMDSV2)
    assert statuses[arn_of(snapshot, "ec2.instance", "imds-good")] is Status.PASS
    assert statuses[arn_of(snapshot, "ec2.instance", "imds-bad")] is Status.FAIL
    assert statuses[arn_of(snapshot, "ec2.launch_template", "template-good")] is Status.PASS
    assert statuses[arn_of(snapshot, "ec2.launch_template", "template-bad")] is Status.FAIL


def test_a_disabled_metadata_endpoint_passes_and_terminated_instances_are_left_out(
    endpoint: str,
) -> None:
    reset(endpoint)
    ec2 = client_for(endpoint)("ec2")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    for name, options in (
        ("imds-off-good", {"HttpEndpoint": "disabled"}),
        ("gone-bad", {"HttpTokens": "optional"}),
    ):
        ec2.run_instances(
            ImageId=image,
            MinCount=1,
            MaxCount=1,
            MetadataOptions=options,
            TagSpecifications=_tagged("instance", name),
        )
    gone = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["gone-bad"]}])
    ec2.terminate_instances(InstanceIds=[gone["Reservations"][0]["Instances"][0]["InstanceId"]])
    snapshot, report = scan_with(endpoint, COLLECTORS)
    statuses = verdicts_of(report, IMDSV2)
    assert statuses == {arn_of(snapshot, "ec2.instance", "imds-off-good"): Status.PASS}


def test_user_data_is_decoded_masked_and_still_judged(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    ec2 = client("ec2")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    # cloud-init takes gzip-compressed user data too.
    script = f"#!/bin/bash\nexport STRIPE_API_KEY={GZIP_CANARY}\n"
    ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        MetadataOptions={"HttpTokens": "required"},
        UserData=gzip.compress(script.encode()),
        TagSpecifications=_tagged("instance", "gzip-bad"),
    )
    ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        MetadataOptions={"HttpTokens": "required"},
        UserData="#cloud-config\nruncmd:\n  - echo AKIAIOSFODNN7EXAMPLE > /etc/key\n",
        TagSpecifications=_tagged("instance", "access-key-bad"),
    )
    ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        MetadataOptions={"HttpTokens": "required"},
        TagSpecifications=_tagged("instance", "no-user-data"),
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    statuses = verdicts_of(report, USER_DATA)
    assert statuses[arn_of(snapshot, "ec2.instance", "imds-good")] is Status.PASS
    assert statuses[arn_of(snapshot, "ec2.instance", "imds-bad")] is Status.FAIL
    assert statuses[arn_of(snapshot, "ec2.instance", "gzip-bad")] is Status.FAIL
    assert statuses[arn_of(snapshot, "ec2.instance", "access-key-bad")] is Status.FAIL
    assert arn_of(snapshot, "ec2.instance", "no-user-data") not in statuses
    assert statuses[arn_of(snapshot, "ec2.launch_template", "template-good")] is Status.PASS
    assert statuses[arn_of(snapshot, "ec2.launch_template", "template-bad")] is Status.FAIL
    bad = next(r for r in snapshot.resources if name_of(r) == "imds-bad")
    assert bad.attributes["UserData"] == "#!/bin/bash\nexport DB_PASSWORD=****\n"
    text = str(snapshot_to_dict(snapshot))
    for canary in (PASSWORD_CANARY, TEMPLATE_CANARY, GZIP_CANARY, "AKIAIOSFODNN7EXAMPLE"):
        assert canary not in text
        assert _encoded(canary)[:12] not in text


def test_user_data_that_is_not_text_is_an_error_not_a_pass(endpoint: str) -> None:
    reset(endpoint)
    ec2 = client_for(endpoint)("ec2")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    ec2.run_instances(
        ImageId=image,
        MinCount=1,
        MaxCount=1,
        MetadataOptions={"HttpTokens": "required"},
        UserData=b"\xff\xfe\x00binary",
        TagSpecifications=_tagged("instance", "binary"),
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    (instance,) = [r for r in snapshot.resources if r.type == "ec2.instance"]
    assert isinstance(instance.attributes["UserData"], Unresolved)
    assert verdicts_of(report, USER_DATA) == {instance.address: Status.ERROR}


def test_a_denied_user_data_read_errors_only_the_user_data_check(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "UnauthorizedOperation", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "DescribeInstanceAttribute")

    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.ec2.DescribeInstanceAttribute": deny}
    )
    good = arn_of(snapshot, "ec2.instance", "imds-good")
    assert verdicts_of(report, USER_DATA)[good] is Status.ERROR
    assert verdicts_of(report, IMDSV2)[good] is Status.PASS


EGRESS = "pci-1.3.2-sg-no-open-egress"
SOURCE_DEST = "pci-1.4.3-ec2-source-dest-check"
CARDHOLDER = [{"Key": "DataClassification", "Value": "cardholder"}]
ALL_TO_INTERNET = {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}


def seed_network(client: Callable[[str], Any]) -> dict[str, str]:
    """Security groups with and without all outbound traffic open, and instances with and
    without source/destination checking; the security group ids by name."""
    ec2 = client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    groups = {}
    for name, tags in (
        ("egress-open-bad", CARDHOLDER),
        ("egress-https-good", CARDHOLDER),
        ("egress-ipv6-tcp-bad", CARDHOLDER),
        ("egress-untagged", []),
    ):
        groups[name] = ec2.create_security_group(
            GroupName=name,
            Description=name,
            VpcId=vpc,
            TagSpecifications=[{"ResourceType": "security-group", "Tags": tags}] if tags else [],
        )["GroupId"]
    # A new group allows all outbound traffic until that rule is revoked, as in AWS.
    for name in ("egress-https-good", "egress-ipv6-tcp-bad"):
        ec2.revoke_security_group_egress(GroupId=groups[name], IpPermissions=[ALL_TO_INTERNET])
    ec2.authorize_security_group_egress(
        GroupId=groups["egress-https-good"],
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            },
            {"IpProtocol": "-1", "IpRanges": [{"CidrIp": "172.31.0.0/16"}]},
        ],
    )
    ec2.authorize_security_group_egress(
        GroupId=groups["egress-ipv6-tcp-bad"],
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 0,
                "ToPort": 65535,
                "Ipv6Ranges": [{"CidrIpv6": "::/0"}],
            }
        ],
    )
    image = ec2.describe_images()["Images"][0]["ImageId"]
    for name, role in (
        ("sdc-good", None),
        ("sdc-bad", None),
        ("sdc-eni-bad", None),
        ("sdc-nat", "nat"),
        ("sdc-proxy-bad", "proxy"),
    ):
        tags = [{"Key": "Name", "Value": name}]
        if role:
            tags.append({"Key": "NetworkRole", "Value": role})
        instance = ec2.run_instances(
            ImageId=image,
            MinCount=1,
            MaxCount=1,
            TagSpecifications=[{"ResourceType": "instance", "Tags": tags}],
        )["Instances"][0]
        if name == "sdc-eni-bad":
            (interface,) = instance["NetworkInterfaces"]
            ec2.modify_network_interface_attribute(
                NetworkInterfaceId=interface["NetworkInterfaceId"],
                SourceDestCheck={"Value": False},
            )
        elif name != "sdc-good":
            ec2.modify_instance_attribute(
                InstanceId=instance["InstanceId"], SourceDestCheck={"Value": False}
            )
    return groups


def _group_arn(group_id: str) -> str:
    return f"arn:aws:ec2:eu-west-1:123456789012:security-group/{group_id}"


def test_cardholder_security_groups_are_judged_for_all_outbound_traffic(endpoint: str) -> None:
    reset(endpoint)
    groups = seed_network(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, EGRESS) == {
        _group_arn(groups["egress-open-bad"]): Status.FAIL,
        _group_arn(groups["egress-https-good"]): Status.PASS,
        _group_arn(groups["egress-ipv6-tcp-bad"]): Status.FAIL,
    }


def test_instances_are_judged_for_source_destination_checking(endpoint: str) -> None:
    reset(endpoint)
    seed_network(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    # The NAT instance is declared an appliance and not judged; "proxy" is no such role.
    assert verdicts_of(report, SOURCE_DEST) == {
        arn_of(snapshot, "ec2.instance", "sdc-good"): Status.PASS,
        arn_of(snapshot, "ec2.instance", "sdc-bad"): Status.FAIL,
        arn_of(snapshot, "ec2.instance", "sdc-eni-bad"): Status.FAIL,
        arn_of(snapshot, "ec2.instance", "sdc-proxy-bad"): Status.FAIL,
    }


def test_a_denied_instance_listing_errors_only_the_instance_checks(endpoint: str) -> None:
    reset(endpoint)
    groups = seed_network(client_for(endpoint))

    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "UnauthorizedOperation", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "DescribeInstances")

    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.ec2.DescribeInstances": deny})
    (source_dest,) = verdicts_of(report, SOURCE_DEST).items()
    assert source_dest == ("123456789012/eu-west-1/ec2.instance/*", Status.ERROR)
    assert verdicts_of(report, EGRESS)[_group_arn(groups["egress-https-good"])] is Status.PASS
    assert verdicts_of(report, EGRESS)[_group_arn(groups["egress-open-bad"])] is Status.FAIL


PUBLIC_SNAPSHOTS = "pci-1.4.4-snapshots-not-public"
ENCRYPTED_SNAPSHOTS = "pci-3.5.1-snapshots-encrypted"
BLOCK = "123456789012/eu-west-1/ec2.snapshot_block_public_access"


def seed_snapshots(client: Callable[[str], Any]) -> dict[str, str]:
    """EBS snapshots: encrypted and private or shared with one account (good), unencrypted and
    public (bad); the snapshot ARNs by name."""
    ec2 = client("ec2")
    arns = {}
    for name, encrypted, permission in (
        ("orders-good", True, None),
        ("orders-partner-good", True, {"UserIds": ["111122223333"]}),
        ("scratch-public-bad", False, {"GroupNames": ["all"]}),
    ):
        volume = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=10, Encrypted=encrypted)
        snapshot_id = ec2.create_snapshot(
            VolumeId=volume["VolumeId"], TagSpecifications=_tagged("snapshot", name)
        )["SnapshotId"]
        if permission:
            ec2.modify_snapshot_attribute(
                SnapshotId=snapshot_id,
                Attribute="createVolumePermission",
                OperationType="add",
                **permission,
            )
        arns[name] = f"arn:aws:ec2:eu-west-1::snapshot/{snapshot_id}"
    return arns


def test_snapshots_and_the_regions_sharing_block_are_judged(endpoint: str) -> None:
    reset(endpoint)
    arns = seed_snapshots(client_for(endpoint))
    hooks = recorded_responses("ec2", "ec2-snapshot-block-all")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    # Only the account's own snapshots: moto also lists its AMIs' snapshots of other owners.
    assert verdicts_of(report, PUBLIC_SNAPSHOTS) == {
        arns["orders-good"]: Status.PASS,
        arns["orders-partner-good"]: Status.PASS,
        arns["scratch-public-bad"]: Status.FAIL,
        BLOCK: Status.PASS,
    }
    assert verdicts_of(report, ENCRYPTED_SNAPSHOTS) == {
        arns["orders-good"]: Status.PASS,
        arns["orders-partner-good"]: Status.PASS,
        arns["scratch-public-bad"]: Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == arns["orders-partner-good"])
    assert good.tags == {"Name": "orders-partner-good"}
    assert good.attributes["CreateVolumePermissions"] == [{"UserId": "111122223333"}]
    assert snapshot.metadata["calls"]["ec2:DescribeSnapshotAttribute"] == 3


def test_blocking_only_new_sharing_fails_the_block(endpoint: str) -> None:
    reset(endpoint)
    hooks = recorded_responses("ec2", "ec2-snapshot-block-new")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, PUBLIC_SNAPSHOTS) == {BLOCK: Status.FAIL}


def _denied(operation: str) -> Callable[..., None]:
    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "UnauthorizedOperation", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, operation)

    return deny


def test_unreadable_permissions_error_only_the_public_sharing_of_snapshots(
    endpoint: str,
) -> None:
    reset(endpoint)
    arns = seed_snapshots(client_for(endpoint))
    hooks = {
        **recorded_responses("ec2", "ec2-snapshot-block-all"),
        "before-call.ec2.DescribeSnapshotAttribute": _denied("DescribeSnapshotAttribute"),
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, PUBLIC_SNAPSHOTS) == {
        arns["orders-good"]: Status.ERROR,
        arns["orders-partner-good"]: Status.ERROR,
        arns["scratch-public-bad"]: Status.ERROR,
        BLOCK: Status.PASS,
    }
    assert verdicts_of(report, ENCRYPTED_SNAPSHOTS) == {
        arns["orders-good"]: Status.PASS,
        arns["orders-partner-good"]: Status.PASS,
        arns["scratch-public-bad"]: Status.FAIL,
    }


def test_an_unreadable_sharing_block_is_an_error_and_snapshots_are_still_judged(
    endpoint: str,
) -> None:
    reset(endpoint)
    arns = seed_snapshots(client_for(endpoint))
    hooks = {
        "before-call.ec2.GetSnapshotBlockPublicAccessState": _denied(
            "GetSnapshotBlockPublicAccessState"
        )
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, PUBLIC_SNAPSHOTS) == {
        arns["orders-good"]: Status.PASS,
        arns["orders-partner-good"]: Status.PASS,
        arns["scratch-public-bad"]: Status.FAIL,
        BLOCK: Status.ERROR,
    }
    (result,) = [r for r in report.results if r.control.id == PUBLIC_SNAPSHOTS]
    (finding,) = [f for f in result.findings if f.resource == BLOCK]
    assert "ec2:GetSnapshotBlockPublicAccessState" in finding.message


def test_unlisted_snapshots_are_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed_snapshots(client_for(endpoint))
    hooks = {
        **recorded_responses("ec2", "ec2-snapshot-block-all"),
        "before-call.ec2.DescribeSnapshots": _denied("DescribeSnapshots"),
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    unlisted = "123456789012/eu-west-1/ec2.snapshot/*"
    assert verdicts_of(report, PUBLIC_SNAPSHOTS) == {unlisted: Status.ERROR, BLOCK: Status.PASS}
    assert verdicts_of(report, ENCRYPTED_SNAPSHOTS) == {unlisted: Status.ERROR}


def test_an_answer_that_is_not_the_apis_fails_only_the_sharing_block(endpoint: str) -> None:
    from botocore.parsers import ResponseParserError

    reset(endpoint)
    arns = seed_snapshots(client_for(endpoint))

    def garbled(**_: Any) -> None:
        raise ResponseParserError("Unable to parse response, invalid XML received.\nb'<html>'")

    hooks = {"before-call.ec2.GetSnapshotBlockPublicAccessState": garbled}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    statuses = verdicts_of(report, PUBLIC_SNAPSHOTS)
    assert statuses[BLOCK] is Status.ERROR
    assert statuses[arns["scratch-public-bad"]] is Status.FAIL
    (block,) = [r for r in snapshot.resources if r.address == BLOCK]
    assert "<html>" not in str(block.attributes["State"])


def test_cardholder_instances_with_a_public_address_fail(endpoint: str) -> None:
    reset(endpoint)
    ec2 = client_for(endpoint)("ec2")
    image = ec2.describe_images()["Images"][0]["ImageId"]
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    for name, classification, public in (
        ("ledger-good", "cardholder", False),
        ("ledger-bad", "cardholder", True),
        ("build-public", "internal", True),
    ):
        ec2.run_instances(
            ImageId=image,
            InstanceType="t3.micro",
            MinCount=1,
            MaxCount=1,
            NetworkInterfaces=[
                {"DeviceIndex": 0, "SubnetId": subnet, "AssociatePublicIpAddress": public}
            ],
            TagSpecifications=[
                {
                    "ResourceType": "instance",
                    "Tags": [
                        {"Key": "Name", "Value": name},
                        {"Key": "DataClassification", "Value": classification},
                    ],
                }
            ],
        )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    # Only instances tagged as holding cardholder data are judged.
    assert verdicts_of(report, "pci-1.4.4-cardholder-instances-no-public-ip") == {
        arn_of(snapshot, "ec2.instance", "ledger-good"): Status.PASS,
        arn_of(snapshot, "ec2.instance", "ledger-bad"): Status.FAIL,
    }


def test_vpcs_whose_dns_queries_are_not_logged_fail(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    ec2, resolver = client("ec2"), client("route53resolver")
    logged = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    queries = resolver.create_resolver_query_log_config(
        Name="payments-queries",
        DestinationArn="arn:aws:logs:eu-west-1:123456789012:log-group:/route53/queries",
        CreatorRequestId="payments-queries",
    )["ResolverQueryLogConfig"]["Id"]
    resolver.associate_resolver_query_log_config(
        ResolverQueryLogConfigId=queries, ResourceId=logged
    )
    silent = ec2.create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = verdicts_of(report, "gdpr-art33-vpc-dns-query-logging")
    vpc = f"arn:aws:ec2:{REGIONS[0]}:123456789012:vpc/"
    assert statuses[f"{vpc}{logged}"] is Status.PASS
    assert statuses[f"{vpc}{silent}"] is Status.FAIL


def test_an_unlisted_query_logging_errors_only_its_check(endpoint: str) -> None:
    reset(endpoint)
    client_for(endpoint)("ec2").create_vpc(CidrBlock="10.20.0.0/16")

    operation = "ListResolverQueryLogConfigAssociations"
    hooks = {f"before-call.route53resolver.{operation}": denied(operation)}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert set(verdicts_of(report, "gdpr-art33-vpc-dns-query-logging").values()) == {Status.ERROR}
    # Flow logs are still judged.
    assert Status.ERROR not in set(verdicts_of(report, "pci-10.2.1-vpc-flow-logs").values())
