"""Redshift: provisioned clusters with their encryption key, the `require_ssl` setting of their
parameter group and their audit logging status."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from adapters.aws.collectors.kms_keys import DESCRIBE_KEY, KeyManagers
from checker.models import Resource, Unresolved


class RedshiftCollector(Collector):
    """Provisioned clusters, per region.

    Besides DescribeClusters' own fields each cluster carries `RequireSsl` (the `require_ssl`
    parameter of its parameter group), `LoggingStatus` (DescribeLoggingStatus) and
    `KmsKeyManager` (who manages the key it is encrypted with).
    """

    actions: ClassVar[tuple[str, ...]] = (
        "redshift:DescribeClusters",
        "redshift:DescribeClusterParameters",
        "redshift:DescribeLoggingStatus",
        DESCRIBE_KEY,
    )
    resource_types: ClassVar[tuple[str, ...]] = ("redshift.cluster",)

    def collect(self, calls: Calls) -> list[Resource]:
        clusters = calls.paginate("redshift", "DescribeClusters", "Clusters")
        if isinstance(clusters, Unresolved):
            return [self.unlisted(calls, clusters, "redshift.cluster")]
        keys = KeyManagers(calls)
        require_ssl: dict[str, Any] = {}  # one read per parameter group, however many clusters
        target = calls.target
        resources = []
        for cluster in clusters:
            name = cluster["ClusterIdentifier"]
            attributes = dict(cluster)
            groups = cluster.get("ClusterParameterGroups") or [{}]
            group = groups[0].get("ParameterGroupName")
            if group:
                if group not in require_ssl:
                    require_ssl[group] = self._require_ssl(calls, group)
                attributes["RequireSsl"] = require_ssl[group]
            attributes["LoggingStatus"] = self._logging(calls, name)
            if cluster.get("Encrypted"):
                attributes["KmsKeyManager"] = keys.of(cluster.get("KmsKeyId"))
            arn = f"arn:aws:redshift:{target.region}:{target.account}:cluster:{name}"
            resources.append(
                make_resource(
                    calls, "redshift.cluster", arn, attributes, tags_of(cluster.get("Tags"))
                )
            )
        return resources

    @staticmethod
    def _require_ssl(calls: Calls, group: str) -> Any:
        parameters = calls.paginate(
            "redshift", "DescribeClusterParameters", "Parameters", ParameterGroupName=group
        )
        if isinstance(parameters, Unresolved):
            return parameters
        for parameter in parameters:
            if parameter.get("ParameterName") == "require_ssl":
                return parameter.get("ParameterValue")
        return None

    @staticmethod
    def _logging(calls: Calls, cluster: str) -> Any:
        status = calls.call("redshift", "DescribeLoggingStatus", ClusterIdentifier=cluster)
        if isinstance(status, Unresolved):
            return status
        return {key: value for key, value in status.items() if key != "ResponseMetadata"}
