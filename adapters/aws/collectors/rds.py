"""RDS: DB instances and Aurora clusters."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


class RdsCollector(Collector):
    """DB instances and clusters, per region."""

    actions: ClassVar[tuple[str, ...]] = ("rds:DescribeDBInstances", "rds:DescribeDBClusters")
    resource_types: ClassVar[tuple[str, ...]] = ("rds.db_instance", "rds.db_cluster")

    def collect(self, calls: Calls) -> list[Resource]:
        resources: list[Resource] = []
        for operation, key, resource_type, arn_key in (
            ("DescribeDBInstances", "DBInstances", "rds.db_instance", "DBInstanceArn"),
            ("DescribeDBClusters", "DBClusters", "rds.db_cluster", "DBClusterArn"),
        ):
            items = calls.paginate("rds", operation, key)
            if isinstance(items, Unresolved):
                resources.append(self.unlisted(calls, items, resource_type))
                continue
            for item in items:
                resources.append(
                    make_resource(
                        calls, resource_type, item[arn_key], item, tags_of(item.get("TagList"))
                    )
                )
        return resources
