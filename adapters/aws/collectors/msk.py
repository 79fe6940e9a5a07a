"""Amazon MSK: Kafka clusters with their broker connectivity (public access)."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class MskCollector(Collector):
    """Provisioned and serverless clusters as ListClustersV2 describes them, per region."""

    actions: ClassVar[tuple[str, ...]] = ("kafka:ListClustersV2",)
    resource_types: ClassVar[tuple[str, ...]] = ("kafka.cluster",)

    def collect(self, calls: Calls) -> list[Resource]:
        clusters = calls.paginate("kafka", "ListClustersV2", "ClusterInfoList")
        if isinstance(clusters, Unresolved):
            return [self.unlisted(calls, clusters, "kafka.cluster")]
        return [
            make_resource(
                calls,
                "kafka.cluster",
                cluster["ClusterArn"],
                cluster,
                {str(key): str(value) for key, value in (cluster.get("Tags") or {}).items()},
            )
            for cluster in clusters
        ]
