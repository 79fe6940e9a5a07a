"""IAM Access Analyzer: the analyzers of the region, by type and status."""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class AccessAnalyzerCollector(Collector):
    """One resource per region: its `Analyzers` (`name`, `type`, `status`, ...), all types
    listed in one call, so a check can ask for an active external-access analyzer."""

    actions: ClassVar[tuple[str, ...]] = ("access-analyzer:ListAnalyzers",)
    resource_types: ClassVar[tuple[str, ...]] = ("accessanalyzer.region",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        analyzers = calls.paginate("accessanalyzer", "ListAnalyzers", "analyzers")
        if isinstance(analyzers, Unresolved):
            return [self.unlisted(calls, analyzers, "accessanalyzer.region")]
        address = f"{target.account}/{target.region}/accessanalyzer"
        return [make_resource(calls, "accessanalyzer.region", address, {"Analyzers": analyzers})]
