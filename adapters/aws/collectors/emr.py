"""EMR: the region's block public access configuration."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class EmrCollector(Collector):
    """One resource per region: whether EMR refuses clusters whose security groups admit
    traffic from anywhere, and which port ranges it still permits."""

    actions: ClassVar[tuple[str, ...]] = ("elasticmapreduce:GetBlockPublicAccessConfiguration",)
    resource_types: ClassVar[tuple[str, ...]] = ("emr.block_public_access",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        answer = calls.call("emr", "GetBlockPublicAccessConfiguration")
        configuration: Any = (
            answer
            if isinstance(answer, Unresolved)
            else answer.get("BlockPublicAccessConfiguration") or {}
        )
        address = f"{target.account}/{target.region}/emr.block_public_access"
        attributes = {"BlockPublicAccessConfiguration": configuration}
        return [make_resource(calls, "emr.block_public_access", address, attributes)]
