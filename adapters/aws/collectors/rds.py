"""RDS: DB instances (with the `rds.force_ssl` setting of their parameter group) and clusters."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved

# Engines whose parameter groups carry rds.force_ssl.
_FORCE_SSL_ENGINES = ("postgres", "sqlserver")


class RdsCollector(Collector):
    """DB instances and clusters, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "rds:DescribeDBInstances",
        "rds:DescribeDBClusters",
        "rds:DescribeDBParameters",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("rds.db_instance", "rds.db_cluster")

    def collect(self, calls: Calls) -> list[Resource]:
        resources: list[Resource] = []
        force_ssl: dict[str, Any] = {}
        for operation, key, resource_type, arn_key in (
            ("DescribeDBInstances", "DBInstances", "rds.db_instance", "DBInstanceArn"),
            ("DescribeDBClusters", "DBClusters", "rds.db_cluster", "DBClusterArn"),
        ):
            items = calls.paginate("rds", operation, key)
            if isinstance(items, Unresolved):
                resources.append(self.unlisted(calls, items, resource_type))
                continue
            for item in items:
                attributes = dict(item)
                if resource_type == "rds.db_instance" and str(item.get("Engine", "")).startswith(
                    _FORCE_SSL_ENGINES
                ):
                    groups = item.get("DBParameterGroups") or [{}]
                    name = groups[0].get("DBParameterGroupName")
                    if name:
                        if name not in force_ssl:  # one read per group, however many instances
                            force_ssl[name] = self._force_ssl(calls, name)
                        attributes["ForceSsl"] = force_ssl[name]
                resources.append(
                    make_resource(
                        calls,
                        resource_type,
                        item[arn_key],
                        attributes,
                        tags_of(item.get("TagList")),
                    )
                )
        return resources

    @staticmethod
    def _force_ssl(calls: Calls, group: str) -> Any:
        parameters = calls.paginate(
            "rds", "DescribeDBParameters", "Parameters", DBParameterGroupName=group
        )
        if isinstance(parameters, Unresolved):
            return parameters
        for parameter in parameters:
            if parameter.get("ParameterName") == "rds.force_ssl":
                return parameter.get("ParameterValue")
        return None
