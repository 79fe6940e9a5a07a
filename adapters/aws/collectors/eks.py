"""EKS: clusters with their Kubernetes version, endpoint access, secrets encryption and control
plane logging, and their managed node groups with remote (SSH) access."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class EksCollector(Collector):
    """Every cluster and managed node group, per region.

    A cluster is DescribeCluster's answer as it is: its `version` is the Kubernetes minor version
    of the control plane (`1.35`), which a control judges against the versions in support.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "eks:ListClusters",
        "eks:DescribeCluster",
        "eks:ListNodegroups",
        "eks:DescribeNodegroup",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("eks.cluster", "eks.nodegroup")

    def collect(self, calls: Calls) -> list[Resource]:
        names = calls.paginate("eks", "ListClusters", "clusters")
        if isinstance(names, Unresolved):
            return [
                self.unlisted(calls, names, "eks.cluster"),
                self.unlisted(calls, names, "eks.nodegroup"),
            ]
        resources: list[Resource] = []
        for name in names:
            resources.append(self._cluster(calls, name))
            resources += self._nodegroups(calls, name)
        return resources

    def _cluster(self, calls: Calls, name: str) -> Resource:
        described = calls.call("eks", "DescribeCluster", name=name)
        if isinstance(described, Unresolved):
            return self._unread(calls, "eks.cluster", f"cluster/{name}", described)
        cluster: dict[str, Any] = described["cluster"]
        return make_resource(calls, "eks.cluster", cluster["arn"], cluster, _tags(cluster))

    def _nodegroups(self, calls: Calls, cluster: str) -> list[Resource]:
        names = calls.paginate("eks", "ListNodegroups", "nodegroups", clusterName=cluster)
        if isinstance(names, Unresolved):
            return [self._unread(calls, "eks.nodegroup", f"nodegroup/{cluster}/*", names)]
        resources = []
        for name in names:
            described = calls.call(
                "eks", "DescribeNodegroup", clusterName=cluster, nodegroupName=name
            )
            if isinstance(described, Unresolved):
                resources.append(
                    self._unread(calls, "eks.nodegroup", f"nodegroup/{cluster}/{name}", described)
                )
                continue
            group: dict[str, Any] = described["nodegroup"]
            resources.append(
                make_resource(calls, "eks.nodegroup", group["nodegroupArn"], group, _tags(group))
            )
        return resources

    def _unread(
        self, calls: Calls, resource_type: str, resource: str, failure: Unresolved
    ) -> Resource:
        """A resource whose description failed: every check on it is `error`, naming why."""
        target = calls.target
        arn = f"arn:aws:eks:{target.region}:{target.account}:{resource}"
        stand_in = self.unlisted(calls, failure, resource_type)
        return replace(stand_in, address=arn, location=target.location(arn=arn))


def _tags(item: dict[str, Any]) -> dict[str, str]:
    """EKS gives tags as a map already."""
    tags = item.get("tags")
    if not isinstance(tags, dict):
        return {}
    return {str(key): str(value) for key, value in tags.items()}
