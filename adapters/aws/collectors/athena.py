"""Athena: workgroups with the result configuration they enforce on their queries."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class AthenaCollector(Collector):
    """Every workgroup, per region, as GetWorkGroup describes it.

    ListWorkGroups gives only names and states; the `Configuration` (whether the workgroup's
    settings override the client's, and how query results are encrypted) comes from
    GetWorkGroup. When that call fails, `Configuration` is `Unresolved`, so exactly the checks
    that read it are `error`.
    """

    actions: ClassVar[tuple[str, ...]] = ("athena:ListWorkGroups", "athena:GetWorkGroup")
    resource_types: ClassVar[tuple[str, ...]] = ("athena.workgroup",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        # botocore has no paginator for ListWorkGroups.
        workgroups = calls.follow("athena", "ListWorkGroups", "WorkGroups")
        if isinstance(workgroups, Unresolved):
            return [self.unlisted(calls, workgroups, "athena.workgroup")]
        resources: list[Resource] = []
        for summary in workgroups:
            name = summary["Name"]
            arn = f"arn:aws:athena:{target.region}:{target.account}:workgroup/{name}"
            described = calls.call("athena", "GetWorkGroup", WorkGroup=name)
            attributes: dict[str, Any] = {**summary}
            if isinstance(described, Unresolved):
                attributes["Configuration"] = described
            else:
                attributes.update(described.get("WorkGroup") or {})
            resources.append(make_resource(calls, "athena.workgroup", arn, attributes))
        return resources
