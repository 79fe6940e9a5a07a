"""ECR: private repositories with their scan-on-push and tag mutability settings, and the
region's registry scanning configuration."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


class EcrCollector(Collector):
    """Every private repository, and the registry scanning configuration, per region.

    A registry's scanning rules apply to the repositories of its own region only, so each
    repository also carries its region's configuration as `registryScanningConfiguration`:
    a check that reads it cannot credit one region's registry to another region's repository.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "ecr:DescribeRepositories",
        "ecr:ListTagsForResource",
        "ecr:GetRegistryScanningConfiguration",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("ecr.repository", "ecr.registry_scanning")

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        registry = calls.call("ecr", "GetRegistryScanningConfiguration")
        scanning: Any = (
            registry if isinstance(registry, Unresolved) else registry.get("scanningConfiguration")
        )
        address = f"{target.account}/{target.region}/ecr.registry_scanning"
        attributes = {"registryId": target.account, "scanningConfiguration": scanning}
        resources = [make_resource(calls, "ecr.registry_scanning", address, attributes)]
        repositories = calls.paginate("ecr", "DescribeRepositories", "repositories")
        if isinstance(repositories, Unresolved):
            return [*resources, self.unlisted(calls, repositories, "ecr.repository")]
        for repository in repositories:
            arn = repository["repositoryArn"]
            listed = calls.call("ecr", "ListTagsForResource", resourceArn=arn)
            tags = listed if isinstance(listed, Unresolved) else tags_of(listed.get("tags"))
            resources.append(
                make_resource(
                    calls,
                    "ecr.repository",
                    arn,
                    {**repository, "registryScanningConfiguration": scanning},
                    tags,
                )
            )
        return resources
