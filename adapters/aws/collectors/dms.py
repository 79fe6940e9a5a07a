"""AWS DMS: replication instances (public accessibility) and endpoints (SSL mode)."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

# Each listing: the operation, its list key, the resource type and the ARN field.
_LISTINGS = (
    (
        "DescribeReplicationInstances",
        "ReplicationInstances",
        "dms.replication_instance",
        "ReplicationInstanceArn",
    ),
    ("DescribeEndpoints", "Endpoints", "dms.endpoint", "EndpointArn"),
)


class DmsCollector(Collector):
    """Replication instances and endpoints, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "dms:DescribeReplicationInstances",
        "dms:DescribeEndpoints",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("dms.replication_instance", "dms.endpoint")

    def collect(self, calls: Calls) -> list[Resource]:
        resources: list[Resource] = []
        for operation, key, resource_type, arn_key in _LISTINGS:
            items = calls.paginate("dms", operation, key)
            if isinstance(items, Unresolved):
                resources.append(self.unlisted(calls, items, resource_type))
                continue
            resources.extend(
                make_resource(calls, resource_type, item[arn_key], item) for item in items
            )
        return resources
