"""DynamoDB Accelerator (DAX): clusters with their endpoint encryption."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class DaxCollector(Collector):
    """Clusters, per region."""

    actions: ClassVar[tuple[str, ...]] = ("dax:DescribeClusters",)
    resource_types: ClassVar[tuple[str, ...]] = ("dax.cluster",)

    def collect(self, calls: Calls) -> list[Resource]:
        clusters = calls.paginate("dax", "DescribeClusters", "Clusters")
        if isinstance(clusters, Unresolved):
            return [self.unlisted(calls, clusters, "dax.cluster")]
        return [
            make_resource(calls, "dax.cluster", cluster["ClusterArn"], cluster)
            for cluster in clusters
        ]
