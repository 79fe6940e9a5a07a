"""KMS: customer-managed keys, their state and automatic rotation."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class KmsCollector(Collector):
    """Customer-managed keys with their rotation status, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "kms:ListKeys",
        "kms:ListAliases",
        "kms:DescribeKey",
        "kms:GetKeyRotationStatus",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("kms.key",)

    def collect(self, calls: Calls) -> list[Resource]:
        keys = calls.paginate("kms", "ListKeys", "Keys")
        if isinstance(keys, Unresolved):
            return [self.unlisted(calls, keys, "kms.key")]
        aliases = calls.paginate("kms", "ListAliases", "Aliases")
        # AWS-managed keys (aws/ebs, aws/s3, ...) are recognised by their alias as well as by
        # KeyManager, which some endpoints report as CUSTOMER for them.
        managed = {
            alias.get("TargetKeyId")
            for alias in ([] if isinstance(aliases, Unresolved) else aliases)
            if str(alias.get("AliasName", "")).startswith("alias/aws/")
        }
        resources = []
        for key in keys:
            if key["KeyId"] in managed:
                continue
            described = calls.call("kms", "DescribeKey", KeyId=key["KeyId"])
            metadata: Any = (
                described if isinstance(described, Unresolved) else described["KeyMetadata"]
            )
            if isinstance(metadata, dict) and metadata.get("KeyManager") == "AWS":
                continue
            attributes: dict[str, Any] = dict(metadata) if isinstance(metadata, dict) else {}
            if isinstance(metadata, Unresolved):
                attributes["KeyManager"] = metadata
            rotation = calls.call("kms", "GetKeyRotationStatus", KeyId=key["KeyId"])
            attributes["KeyRotationEnabled"] = (
                rotation if isinstance(rotation, Unresolved) else rotation.get("KeyRotationEnabled")
            )
            resources.append(make_resource(calls, "kms.key", key["KeyArn"], attributes))
        return resources
