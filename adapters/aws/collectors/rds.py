"""RDS: DB instances (with the `rds.force_ssl` setting of their parameter group) and clusters,
DocumentDB and Neptune clusters among them (with the settings of their cluster parameter group
and who manages their key), and the manual DB and cluster snapshots with the accounts they are
shared with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from adapters.aws.collectors.kms_keys import DESCRIBE_KEY, KeyManagers
from checker.models import Resource, Unresolved

# Engines whose parameter groups carry rds.force_ssl.
_FORCE_SSL_ENGINES = ("postgres", "sqlserver")
# The cluster parameters read for these engines, which share the RDS API: TLS and audit logging.
_CLUSTER_PARAMETERS = {
    "docdb": ("tls", "audit_logs"),
    "neptune": ("neptune_enable_audit_log",),
}


@dataclass(frozen=True)
class _SnapshotKind:
    """The calls and names of DB snapshots or of DB cluster snapshots, which differ only so."""

    resource_type: str
    listing: str
    key: str
    id_key: str
    arn_key: str
    attributes: str
    result_key: str
    attributes_key: str


_INSTANCE_SNAPSHOTS = _SnapshotKind(
    "rds.db_snapshot",
    "DescribeDBSnapshots",
    "DBSnapshots",
    "DBSnapshotIdentifier",
    "DBSnapshotArn",
    "DescribeDBSnapshotAttributes",
    "DBSnapshotAttributesResult",
    "DBSnapshotAttributes",
)
_CLUSTER_SNAPSHOTS = _SnapshotKind(
    "rds.db_cluster_snapshot",
    "DescribeDBClusterSnapshots",
    "DBClusterSnapshots",
    "DBClusterSnapshotIdentifier",
    "DBClusterSnapshotArn",
    "DescribeDBClusterSnapshotAttributes",
    "DBClusterSnapshotAttributesResult",
    "DBClusterSnapshotAttributes",
)


class RdsCollector(Collector):
    """DB instances and clusters, per region.

    DocumentDB and Neptune clusters also carry `ClusterParameters` (the parameters above, by
    name, from their cluster parameter group) and, when encrypted, `KmsKeyManager`.

    Manual DB snapshots and DB cluster snapshots (only manual ones can be shared) carry
    `SharedAccounts`: the values of their `restore` attribute, the accounts that may copy or
    restore them, where `all` means every AWS account (a public snapshot).
    """

    actions: ClassVar[tuple[str, ...]] = (
        "rds:DescribeDBInstances",
        "rds:DescribeDBClusters",
        "rds:DescribeDBParameters",
        "rds:DescribeDBClusterParameters",
        "rds:DescribeDBSnapshots",
        "rds:DescribeDBSnapshotAttributes",
        "rds:DescribeDBClusterSnapshots",
        "rds:DescribeDBClusterSnapshotAttributes",
        DESCRIBE_KEY,
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "rds.db_instance",
        "rds.db_cluster",
        "rds.db_snapshot",
        "rds.db_cluster_snapshot",
    )

    def collect(self, calls: Calls) -> list[Resource]:
        resources: list[Resource] = []
        # One read per group or key, however many instances or clusters use it.
        force_ssl: dict[str, Any] = {}
        cluster_parameters: dict[str, Any] = {}
        keys = KeyManagers(calls)
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
                engine = str(item.get("Engine", ""))
                if resource_type == "rds.db_instance" and engine.startswith(_FORCE_SSL_ENGINES):
                    groups = item.get("DBParameterGroups") or [{}]
                    name = groups[0].get("DBParameterGroupName")
                    if name:
                        if name not in force_ssl:
                            force_ssl[name] = self._force_ssl(calls, name)
                        attributes["ForceSsl"] = force_ssl[name]
                if resource_type == "rds.db_cluster" and engine in _CLUSTER_PARAMETERS:
                    group = item.get("DBClusterParameterGroup")
                    if group:
                        if group not in cluster_parameters:
                            cluster_parameters[group] = self._cluster_parameters(
                                calls, group, _CLUSTER_PARAMETERS[engine]
                            )
                        attributes["ClusterParameters"] = cluster_parameters[group]
                    if item.get("StorageEncrypted"):
                        attributes["KmsKeyManager"] = keys.of(item.get("KmsKeyId"))
                resources.append(
                    make_resource(
                        calls,
                        resource_type,
                        item[arn_key],
                        attributes,
                        tags_of(item.get("TagList")),
                    )
                )
        resources += self._snapshots(calls, _INSTANCE_SNAPSHOTS)
        resources += self._snapshots(calls, _CLUSTER_SNAPSHOTS)
        return resources

    def _snapshots(self, calls: Calls, kind: _SnapshotKind) -> list[Resource]:
        """The manual snapshots of one kind, each with the accounts it is shared with."""
        snapshots = calls.paginate("rds", kind.listing, kind.key, SnapshotType="manual")
        if isinstance(snapshots, Unresolved):
            return [self.unlisted(calls, snapshots, kind.resource_type)]
        resources = []
        for snapshot in snapshots:
            identifier = snapshot[kind.id_key]
            answer = calls.call("rds", kind.attributes, **{kind.id_key: identifier})
            shared: Any = answer
            if not isinstance(answer, Unresolved):
                result = answer.get(kind.result_key) or {}
                shared = [
                    value
                    for attribute in result.get(kind.attributes_key) or []
                    if attribute.get("AttributeName") == "restore"
                    for value in attribute.get("AttributeValues") or []
                ]
            resources.append(
                make_resource(
                    calls,
                    kind.resource_type,
                    snapshot[kind.arn_key],
                    {**snapshot, "SharedAccounts": shared},
                    tags_of(snapshot.get("TagList")),
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

    @staticmethod
    def _cluster_parameters(calls: Calls, group: str, names: tuple[str, ...]) -> Any:
        """The named parameters of a cluster parameter group that have a value, by name."""
        parameters = calls.paginate(
            "rds",
            "DescribeDBClusterParameters",
            "Parameters",
            DBClusterParameterGroupName=group,
        )
        if isinstance(parameters, Unresolved):
            return parameters
        return {
            parameter["ParameterName"]: parameter["ParameterValue"]
            for parameter in parameters
            if parameter.get("ParameterName") in names and "ParameterValue" in parameter
        }
