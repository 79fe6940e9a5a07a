"""EC2: security groups, VPCs (with their flow logs and DNS query logging), EBS volumes, the
region's EBS encryption by default, EBS snapshots (with who may create volumes from them) and
the region's block on public sharing of snapshots, instances and launch templates (their
metadata options and their user data, decoded and masked)."""

from __future__ import annotations

import base64
import binascii
import zlib
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


def _of_resource(listed: Any, resource_id: str) -> Any:
    """The entries of a region-wide listing that belong to one resource (`ResourceId`), or
    the listing's `Unresolved` when it failed."""
    if isinstance(listed, Unresolved):
        return listed
    return [entry for entry in listed if entry.get("ResourceId") == resource_id]


class Ec2Collector(Collector):
    """Security groups, volumes, EBS default encryption, snapshots and their public sharing
    block, instances and launch templates, per region.

    Each VPC carries `FlowLogs` and `QueryLogConfigAssociations`, the Route 53 Resolver query
    logging configurations associated with it (ListResolverQueryLogConfigAssociations).

    Each snapshot the account owns carries `CreateVolumePermissions`, who may create volumes
    from it (`{"Group": "all"}` makes it public); `ec2.snapshot_block_public_access` carries the
    region's `State` (`block-all-sharing`, `block-new-sharing` or `unblocked`).
    """

    actions: ClassVar[tuple[str, ...]] = (
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs",
        "ec2:DescribeFlowLogs",
        "route53resolver:ListResolverQueryLogConfigAssociations",
        "ec2:DescribeVolumes",
        "ec2:GetEbsEncryptionByDefault",
        "ec2:DescribeSnapshots",
        "ec2:DescribeSnapshotAttribute",
        "ec2:GetSnapshotBlockPublicAccessState",
        "ec2:DescribeInstances",
        "ec2:DescribeInstanceAttribute",
        "ec2:DescribeLaunchTemplates",
        "ec2:DescribeLaunchTemplateVersions",
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "ec2.security_group",
        "ec2.vpc",
        "ec2.volume",
        "ec2.ebs_encryption_by_default",
        "ec2.snapshot",
        "ec2.snapshot_block_public_access",
        "ec2.instance",
        "ec2.launch_template",
    )

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        resources = self._listed(
            calls,
            "DescribeSecurityGroups",
            "SecurityGroups",
            "ec2.security_group",
            "security-group",
            "GroupId",
        )
        resources += self._listed(
            calls, "DescribeVolumes", "Volumes", "ec2.volume", "volume", "VolumeId"
        )
        resources += self._snapshots(calls)
        resources += self._vpcs(calls)
        resources += self._instances(calls)
        resources += self._launch_templates(calls)
        default = calls.call("ec2", "GetEbsEncryptionByDefault")
        enabled = (
            default if isinstance(default, Unresolved) else default.get("EbsEncryptionByDefault")
        )
        address = f"{target.account}/{target.region}/ec2.ebs_encryption_by_default"
        resources.append(
            make_resource(
                calls, "ec2.ebs_encryption_by_default", address, {"EbsEncryptionByDefault": enabled}
            )
        )
        return resources

    def _listed(
        self, calls: Calls, operation: str, key: str, resource_type: str, kind: str, id_key: str
    ) -> list[Resource]:
        """Every item of a Describe listing as a resource with its ARN and tags."""
        items = calls.paginate("ec2", operation, key)
        if isinstance(items, Unresolved):
            return [self.unlisted(calls, items, resource_type)]
        prefix = f"arn:aws:ec2:{calls.target.region}:{calls.target.account}"
        return [
            make_resource(
                calls,
                resource_type,
                f"{prefix}:{kind}/{item[id_key]}",
                item,
                tags_of(item.get("Tags")),
            )
            for item in items
        ]

    def _snapshots(self, calls: Calls) -> list[Resource]:
        """The account's own snapshots with their create-volume permissions, and the region's
        block on public sharing."""
        target = calls.target
        answer = calls.call("ec2", "GetSnapshotBlockPublicAccessState")
        block = (
            {"State": answer, "ManagedBy": answer}
            if isinstance(answer, Unresolved)
            else {"State": answer.get("State"), "ManagedBy": answer.get("ManagedBy")}
        )
        address = f"{target.account}/{target.region}/ec2.snapshot_block_public_access"
        resources = [make_resource(calls, "ec2.snapshot_block_public_access", address, block)]
        snapshots = calls.paginate("ec2", "DescribeSnapshots", "Snapshots", OwnerIds=["self"])
        if isinstance(snapshots, Unresolved):
            return [*resources, self.unlisted(calls, snapshots, "ec2.snapshot")]
        for snapshot in snapshots:
            # "self" already means the account's own; the check keeps out anything else an
            # endpoint lists (public AMI snapshots of other owners), which is not this
            # account's to judge.
            if snapshot.get("OwnerId") != target.account:
                continue
            snapshot_id = snapshot["SnapshotId"]
            permissions = calls.call(
                "ec2",
                "DescribeSnapshotAttribute",
                SnapshotId=snapshot_id,
                Attribute="createVolumePermission",
            )
            allowed: Any = (
                permissions
                if isinstance(permissions, Unresolved)
                else permissions.get("CreateVolumePermissions") or []
            )
            # The snapshot ARN names no account.
            arn = f"arn:aws:ec2:{target.region}::snapshot/{snapshot_id}"
            resources.append(
                make_resource(
                    calls,
                    "ec2.snapshot",
                    arn,
                    {**snapshot, "CreateVolumePermissions": allowed},
                    tags_of(snapshot.get("Tags")),
                )
            )
        return resources

    def _vpcs(self, calls: Calls) -> list[Resource]:
        target = calls.target
        vpcs = calls.paginate("ec2", "DescribeVpcs", "Vpcs")
        if isinstance(vpcs, Unresolved):
            return [self.unlisted(calls, vpcs, "ec2.vpc")]
        flow_logs = calls.paginate("ec2", "DescribeFlowLogs", "FlowLogs")
        query_logs = calls.paginate(
            "route53resolver",
            "ListResolverQueryLogConfigAssociations",
            "ResolverQueryLogConfigAssociations",
        )
        resources = []
        for vpc in vpcs:
            attributes = {
                **vpc,
                "FlowLogs": _of_resource(flow_logs, vpc["VpcId"]),
                "QueryLogConfigAssociations": _of_resource(query_logs, vpc["VpcId"]),
            }
            arn = f"arn:aws:ec2:{target.region}:{target.account}:vpc/{vpc['VpcId']}"
            resources.append(
                make_resource(calls, "ec2.vpc", arn, attributes, tags_of(vpc.get("Tags")))
            )
        return resources

    def _instances(self, calls: Calls) -> list[Resource]:
        """Instances that exist (not terminated), each with its user data decoded."""
        target = calls.target
        reservations = calls.paginate(
            "ec2",
            "DescribeInstances",
            "Reservations",
            Filters=[{"Name": "instance-state-name", "Values": list(_LIVE_STATES)}],
        )
        if isinstance(reservations, Unresolved):
            return [self.unlisted(calls, reservations, "ec2.instance")]
        resources = []
        for reservation in reservations:
            for instance in reservation.get("Instances", []):
                instance_id = instance["InstanceId"]
                attributes = {**instance, **tokens_required(instance.get("MetadataOptions"))}
                answer = calls.call(
                    "ec2", "DescribeInstanceAttribute", InstanceId=instance_id, Attribute="userData"
                )
                if isinstance(answer, Unresolved):
                    attributes["UserData"] = answer
                else:
                    encoded = (answer.get("UserData") or {}).get("Value")
                    if encoded:
                        attributes["UserData"] = _decoded_user_data(encoded, instance_id)
                arn = f"arn:aws:ec2:{target.region}:{target.account}:instance/{instance_id}"
                resources.append(
                    make_resource(
                        calls, "ec2.instance", arn, attributes, tags_of(instance.get("Tags"))
                    )
                )
        return resources

    def _launch_templates(self, calls: Calls) -> list[Resource]:
        """Launch templates with the data of their default version, user data decoded."""
        target = calls.target
        templates = calls.paginate("ec2", "DescribeLaunchTemplates", "LaunchTemplates")
        if isinstance(templates, Unresolved):
            return [self.unlisted(calls, templates, "ec2.launch_template")]
        resources = []
        for template in templates:
            template_id = template["LaunchTemplateId"]
            versions = calls.call(
                "ec2",
                "DescribeLaunchTemplateVersions",
                LaunchTemplateId=template_id,
                Versions=["$Default"],
            )
            data: Any = versions
            if not isinstance(versions, Unresolved):
                found = versions.get("LaunchTemplateVersions") or [{}]
                data = dict(found[0].get("LaunchTemplateData") or {})
                if data.get("UserData"):
                    data["UserData"] = _decoded_user_data(data["UserData"], template_id)
                data.update(tokens_required(data.get("MetadataOptions")))
            arn = f"arn:aws:ec2:{target.region}:{target.account}:launch-template/{template_id}"
            resources.append(
                make_resource(
                    calls,
                    "ec2.launch_template",
                    arn,
                    {**template, "LaunchTemplateData": data},
                    tags_of(template.get("Tags")),
                )
            )
        return resources


# Terminated instances stay listed for a while; they run nothing and hold no data.
_LIVE_STATES = ("pending", "running", "stopping", "stopped")
# User data is at most 16 KB; decompressed, anything past this is not a script to read.
_MOST_USER_DATA = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b"


def tokens_required(options: Any) -> dict[str, bool]:
    """`HttpTokensRequired`: whether the metadata service requires session tokens (IMDSv2).

    Masking takes `HttpTokens` for a secret by its name and hides its value, so what the
    checks need of it is kept as a flag; absent when the options do not say (then the AMI
    decides).
    """
    if not isinstance(options, dict) or "HttpTokens" not in options:
        return {}
    return {"HttpTokensRequired": options["HttpTokens"] == "required"}


def _decoded_user_data(encoded: str, owner: str) -> str | Unresolved:
    """User data as the text the instance runs, so that checks and masking read it.

    EC2 returns it base64-encoded, which would hide any credential in it from both; cloud-init
    also accepts it gzip-compressed. What is neither text nor gzip cannot be judged.
    """
    try:
        raw = base64.b64decode(encoded, validate=True)
        if raw.startswith(_GZIP_MAGIC):
            decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
            raw = decompressor.decompress(raw, _MOST_USER_DATA)
        return raw.decode("utf-8")
    except (binascii.Error, zlib.error, UnicodeDecodeError):
        return Unresolved(
            f"user data of {owner}", "it is not base64-encoded text or gzip-compressed text"
        )
