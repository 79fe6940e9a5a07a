"""ECS: the latest active task definition of each family, for secrets in plain environment,
privileged containers, host namespaces, read-only root filesystems and log drivers, and the
clusters with their ECS Exec logging and settings."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved

# DescribeClusters takes at most this many clusters per call.
_CLUSTERS_PER_CALL = 100
# What the checks on a task definition read: when its description fails, each is the failure.
_TASK_DEFINITION_FIELDS = ("containerDefinitions", "networkMode", "pidMode", "ipcMode")


class EcsCollector(Collector):
    """The newest revision of every task definition family, and every cluster, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "ecs:ListTaskDefinitionFamilies",
        "ecs:DescribeTaskDefinition",
        "ecs:ListClusters",
        "ecs:DescribeClusters",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("ecs.task_definition", "ecs.cluster")

    def collect(self, calls: Calls) -> list[Resource]:
        return self._task_definitions(calls) + self._clusters(calls)

    def _task_definitions(self, calls: Calls) -> list[Resource]:
        families = calls.paginate("ecs", "ListTaskDefinitionFamilies", "families", status="ACTIVE")
        if isinstance(families, Unresolved):
            return [self.unlisted(calls, families, "ecs.task_definition")]
        resources = []
        for family in families:
            described = calls.call("ecs", "DescribeTaskDefinition", taskDefinition=family)
            if isinstance(described, Unresolved):
                target = calls.target
                arn = f"arn:aws:ecs:{target.region}:{target.account}:task-definition/{family}"
                resources.append(
                    make_resource(
                        calls,
                        "ecs.task_definition",
                        arn,
                        dict.fromkeys(_TASK_DEFINITION_FIELDS, described),
                    )
                )
                continue
            definition = described["taskDefinition"]
            resources.append(
                make_resource(
                    calls, "ecs.task_definition", definition["taskDefinitionArn"], definition
                )
            )
        return resources

    def _clusters(self, calls: Calls) -> list[Resource]:
        arns = calls.paginate("ecs", "ListClusters", "clusterArns")
        if isinstance(arns, Unresolved):
            return [self.unlisted(calls, arns, "ecs.cluster")]
        resources = []
        for start in range(0, len(arns), _CLUSTERS_PER_CALL):
            batch = arns[start : start + _CLUSTERS_PER_CALL]
            described = calls.call(
                "ecs",
                "DescribeClusters",
                clusters=batch,
                include=["CONFIGURATIONS", "SETTINGS", "TAGS"],
            )
            if isinstance(described, Unresolved):
                resources += [self._unread(calls, arn, described) for arn in batch]
                continue
            clusters: list[dict[str, Any]] = described.get("clusters", [])
            found = {cluster.get("clusterArn") for cluster in clusters}
            for cluster in clusters:
                if cluster.get("status") == "INACTIVE":
                    continue  # deleted: ECS keeps listing it for a while
                resources.append(
                    make_resource(
                        calls,
                        "ecs.cluster",
                        cluster["clusterArn"],
                        cluster,
                        tags_of(cluster.get("tags"), "key", "value"),
                    )
                )
            for arn in batch:
                if arn not in found:
                    missing = Unresolved(
                        f"ecs:DescribeClusters in {calls.target.region} of account "
                        f"{calls.target.account}",
                        f"{arn} was listed but not described",
                    )
                    resources.append(self._unread(calls, arn, missing))
        return resources

    def _unread(self, calls: Calls, arn: str, failure: Unresolved) -> Resource:
        """A cluster whose description failed: every check on it is `error`, naming why."""
        stand_in = self.unlisted(calls, failure, "ecs.cluster")
        return replace(stand_in, address=arn, location=calls.target.location(arn=arn))
