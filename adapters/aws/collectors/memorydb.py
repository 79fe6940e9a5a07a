"""MemoryDB: clusters with their in-transit encryption (TLS)."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class MemoryDbCollector(Collector):
    """Clusters, per region."""

    actions: ClassVar[tuple[str, ...]] = ("memorydb:DescribeClusters",)
    resource_types: ClassVar[tuple[str, ...]] = ("memorydb.cluster",)

    def collect(self, calls: Calls) -> list[Resource]:
        clusters = calls.paginate("memorydb", "DescribeClusters", "Clusters")
        if isinstance(clusters, Unresolved):
            return [self.unlisted(calls, clusters, "memorydb.cluster")]
        return [
            make_resource(calls, "memorydb.cluster", cluster["ARN"], cluster)
            for cluster in clusters
        ]
