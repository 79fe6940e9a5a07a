"""ECS: the latest active task definition of each family, for secrets in plain environment."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class EcsCollector(Collector):
    """The newest revision of every task definition family, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "ecs:ListTaskDefinitionFamilies",
        "ecs:DescribeTaskDefinition",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("ecs.task_definition",)

    def collect(self, calls: Calls) -> list[Resource]:
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
                        calls, "ecs.task_definition", arn, {"containerDefinitions": described}
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
