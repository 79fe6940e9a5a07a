"""CloudWatch Logs: log groups, their retention and KMS key."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class LogsCollector(Collector):
    """Log groups, per region."""

    actions: ClassVar[tuple[str, ...]] = ("logs:DescribeLogGroups",)
    resource_types: ClassVar[tuple[str, ...]] = ("logs.log_group",)

    def collect(self, calls: Calls) -> list[Resource]:
        groups = calls.paginate("logs", "DescribeLogGroups", "logGroups")
        if isinstance(groups, Unresolved):
            return [self.unlisted(calls, groups, "logs.log_group")]
        return [
            make_resource(calls, "logs.log_group", group["arn"].removesuffix(":*"), group)
            for group in groups
        ]
