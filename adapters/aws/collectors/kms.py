"""KMS: customer-managed keys, their state, automatic rotation and key policy.

`kms.key` carries DescribeKey's `KeyMetadata` fields, `KeyRotationEnabled` and `Policy` (the
key's `default` policy as JSON, the only policy name KMS has).
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class KmsCollector(Collector):
    """Customer-managed keys with their rotation status and key policy, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "kms:ListKeys",
        "kms:ListAliases",
        "kms:DescribeKey",
        "kms:GetKeyRotationStatus",
        "kms:GetKeyPolicy",
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
            attributes["Policy"] = _key_policy(calls, key["KeyId"])
            resources.append(make_resource(calls, "kms.key", key["KeyArn"], attributes))
        return resources


def _key_policy(calls: Calls, key_id: str) -> Any:
    """The key's policy as JSON, or `Unresolved` if it could not be read."""
    answer = calls.call("kms", "GetKeyPolicy", KeyId=key_id, PolicyName="default")
    if isinstance(answer, Unresolved):
        return answer
    policy = answer.get("Policy")
    if isinstance(policy, str):
        try:
            return json.loads(policy)
        except ValueError:
            return policy
    return policy
