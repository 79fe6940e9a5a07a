"""AppStream 2.0: stacks, the remote desktops that stream applications to users' browsers,
with what a user may move out of a session.

`appstream.stack` carries DescribeStacks' fields, among them `UserSettings` (each `Action`,
such as `CLIPBOARD_COPY_TO_LOCAL_DEVICE`, `FILE_DOWNLOAD` or `PRINTING_TO_LOCAL_DEVICE`, with
its `Permission`, `ENABLED` or `DISABLED`; an action left out is enabled) and
`StorageConnectors` (each `ConnectorType`: `HOMEFOLDERS`, `GOOGLE_DRIVE` or `ONE_DRIVE`); its
tags come from ListTagsForResource.
"""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class AppStreamCollector(Collector):
    """Every AppStream stack, per region, with its user settings and tags."""

    actions: ClassVar[tuple[str, ...]] = (
        "appstream:DescribeStacks",
        "appstream:ListTagsForResource",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("appstream.stack",)

    def collect(self, calls: Calls) -> list[Resource]:
        stacks = calls.paginate("appstream", "DescribeStacks", "Stacks")
        if isinstance(stacks, Unresolved):
            return [self.unlisted(calls, stacks, "appstream.stack")]
        return [self._stack(calls, stack) for stack in stacks]

    @staticmethod
    def _stack(calls: Calls, stack: dict[str, Any]) -> Resource:
        arn = stack["Arn"]
        listed = calls.call("appstream", "ListTagsForResource", ResourceArn=arn)
        tags: Any = listed if isinstance(listed, Unresolved) else listed.get("Tags") or {}
        return make_resource(calls, "appstream.stack", arn, dict(stack), tags)
