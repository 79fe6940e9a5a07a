"""EFS: file systems with their encryption at rest, access points, file system policy and
automatic backups."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


class EfsCollector(Collector):
    """Every EFS file system, per region.

    Each carries `AccessPoints` (its access points, listed once per region), `Policy` (its
    file system policy as JSON, absent when it has none: "PolicyNotFound") and `BackupPolicy`
    (whether AWS Backup backs it up automatically; `Status` DISABLED when it has none).
    """

    actions: ClassVar[tuple[str, ...]] = (
        "elasticfilesystem:DescribeFileSystems",
        "elasticfilesystem:DescribeAccessPoints",
        "elasticfilesystem:DescribeFileSystemPolicy",
        "elasticfilesystem:DescribeBackupPolicy",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("efs.file_system",)

    def collect(self, calls: Calls) -> list[Resource]:
        systems = calls.paginate("efs", "DescribeFileSystems", "FileSystems")
        if isinstance(systems, Unresolved):
            return [self.unlisted(calls, systems, "efs.file_system")]
        points = calls.paginate("efs", "DescribeAccessPoints", "AccessPoints") if systems else []
        resources = []
        for system in systems:
            attributes: dict[str, Any] = dict(system)
            attributes["AccessPoints"] = (
                points
                if isinstance(points, Unresolved)
                else [p for p in points if p.get("FileSystemId") == system["FileSystemId"]]
            )
            got = calls.call(
                "efs",
                "DescribeFileSystemPolicy",
                absent_codes=("PolicyNotFound",),
                FileSystemId=system["FileSystemId"],
            )
            if got is not None:
                attributes["Policy"] = got if isinstance(got, Unresolved) else got.get("Policy")
            backups = calls.call(
                "efs",
                "DescribeBackupPolicy",
                absent_codes=("PolicyNotFound",),
                FileSystemId=system["FileSystemId"],
            )
            if backups is None:
                attributes["BackupPolicy"] = {"Status": "DISABLED"}
            elif isinstance(backups, Unresolved):
                attributes["BackupPolicy"] = backups
            else:
                attributes["BackupPolicy"] = backups.get("BackupPolicy")
            arn = system.get("FileSystemArn") or system["FileSystemId"]
            resources.append(
                make_resource(
                    calls, "efs.file_system", arn, attributes, tags_of(system.get("Tags"))
                )
            )
        return resources
