"""EC2: security groups, EBS volumes and the region's EBS encryption by default."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


class Ec2Collector(Collector):
    """Security groups, volumes and EBS default encryption, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeVpcs",
        "ec2:DescribeFlowLogs",
        "ec2:DescribeVolumes",
        "ec2:GetEbsEncryptionByDefault",
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "ec2.security_group",
        "ec2.vpc",
        "ec2.volume",
        "ec2.ebs_encryption_by_default",
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
        resources += self._vpcs(calls)
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

    def _vpcs(self, calls: Calls) -> list[Resource]:
        target = calls.target
        vpcs = calls.paginate("ec2", "DescribeVpcs", "Vpcs")
        if isinstance(vpcs, Unresolved):
            return [self.unlisted(calls, vpcs, "ec2.vpc")]
        flow_logs = calls.paginate("ec2", "DescribeFlowLogs", "FlowLogs")
        resources = []
        for vpc in vpcs:
            logs = (
                flow_logs
                if isinstance(flow_logs, Unresolved)
                else [log for log in flow_logs if log.get("ResourceId") == vpc["VpcId"]]
            )
            arn = f"arn:aws:ec2:{target.region}:{target.account}:vpc/{vpc['VpcId']}"
            resources.append(
                make_resource(
                    calls, "ec2.vpc", arn, {**vpc, "FlowLogs": logs}, tags_of(vpc.get("Tags"))
                )
            )
        return resources
