"""AWS Transfer Family servers: the protocols they accept and their security policy."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


class TransferCollector(Collector):
    """Transfer Family servers, per region."""

    actions: ClassVar[tuple[str, ...]] = ("transfer:ListServers", "transfer:DescribeServer")
    resource_types: ClassVar[tuple[str, ...]] = ("transfer.server",)

    def collect(self, calls: Calls) -> list[Resource]:
        servers = calls.paginate("transfer", "ListServers", "Servers")
        if isinstance(servers, Unresolved):
            return [self.unlisted(calls, servers, "transfer.server")]
        resources = []
        for listed in servers:
            described = calls.call("transfer", "DescribeServer", ServerId=listed["ServerId"])
            if isinstance(described, Unresolved):
                # The listing names the server but none of its settings: every check is `error`.
                summary = make_resource(calls, "transfer.server", listed["Arn"], listed)
                resources.append(replace(summary, unresolved=described))
                continue
            server = described["Server"]
            resources.append(
                make_resource(
                    calls, "transfer.server", server["Arn"], server, tags_of(server.get("Tags"))
                )
            )
        return resources
