"""CodeBuild: projects with their build environment variables and log destinations."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved

#: BatchGetProjects takes at most this many names at a time.
_BATCH = 100


class CodeBuildCollector(Collector):
    """Every build project, per region, as BatchGetProjects describes it.

    The project's `environment.environmentVariables` (`[{name, value, type}]`) are masked by
    the environment-variable rule when collected, so a check judges a variable by its name and
    type, never by its value. When a batch cannot be read, its projects keep only their name
    and `environment` and `logsConfig` are `Unresolved`.
    """

    actions: ClassVar[tuple[str, ...]] = ("codebuild:ListProjects", "codebuild:BatchGetProjects")
    resource_types: ClassVar[tuple[str, ...]] = ("codebuild.project",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        names = calls.paginate("codebuild", "ListProjects", "projects")
        if isinstance(names, Unresolved):
            return [self.unlisted(calls, names, "codebuild.project")]
        resources: list[Resource] = []
        for start in range(0, len(names), _BATCH):
            batch = names[start : start + _BATCH]
            got = calls.call("codebuild", "BatchGetProjects", names=batch)
            projects: dict[str, dict[str, Any]] = {}
            if not isinstance(got, Unresolved):
                projects = {project["name"]: project for project in got.get("projects") or []}
            for name in batch:
                arn = f"arn:aws:codebuild:{target.region}:{target.account}:project/{name}"
                project = projects.get(name)
                if project is None:
                    failure = got if isinstance(got, Unresolved) else _missing(calls, name)
                    attributes: dict[str, Any] = {
                        "name": name,
                        "environment": failure,
                        "logsConfig": failure,
                    }
                    resources.append(make_resource(calls, "codebuild.project", arn, attributes))
                    continue
                resources.append(
                    make_resource(
                        calls,
                        "codebuild.project",
                        project.get("arn") or arn,
                        project,
                        tags_of(project.get("tags"), "key", "value"),
                    )
                )
        return resources


def _missing(calls: Calls, name: str) -> Unresolved:
    """A listed project BatchGetProjects did not return (deleted in between, or not found)."""
    where = f"codebuild:BatchGetProjects in {calls.target.region} of account {calls.target.account}"
    return Unresolved(where, f"project {name} was not returned")
