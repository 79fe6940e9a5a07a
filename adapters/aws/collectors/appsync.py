"""AppSync: GraphQL APIs with their CloudWatch Logs configuration."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class AppSyncCollector(Collector):
    """Every GraphQL API (merged APIs too), per region.

    ListGraphqlApis answers with each API in full, `logConfig` (`fieldLogLevel`,
    `excludeVerboseContent`, `cloudWatchLogsRoleArn`) and `tags` included, so one paged call a
    region is all it takes. An API without `logConfig` writes no logs at all.
    """

    actions: ClassVar[tuple[str, ...]] = ("appsync:ListGraphqlApis",)
    resource_types: ClassVar[tuple[str, ...]] = ("appsync.graphql_api",)

    def collect(self, calls: Calls) -> list[Resource]:
        apis = calls.paginate("appsync", "ListGraphqlApis", "graphqlApis")
        if isinstance(apis, Unresolved):
            return [self.unlisted(calls, apis, "appsync.graphql_api")]
        resources = []
        for api in apis:
            tags = api.get("tags") or {}
            resources.append(
                make_resource(
                    calls,
                    "appsync.graphql_api",
                    api["arn"],
                    api,
                    {str(key): str(value) for key, value in tags.items()},
                )
            )
        return resources
