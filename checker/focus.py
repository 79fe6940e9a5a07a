"""What a focused scan needs from the controls, and what it reports.

A focused scan (the pre-commit hook's, `scan terraform --changed`) evaluates the resources of
the changed files and, as context, the resources their checks look for. The adapter learns
from `linked_types` which those are; `judged_only` then keeps the findings on the changed
files, as the context resources were evaluated to judge them, not to be judged.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.conditions import Alongside, Condition, Related
from checker.models import Finding, Snapshot, Status, worst
from checker.policy import Control
from checker.results import ControlResult, Report


def _conditions(condition: Any) -> Iterator[Condition]:
    """A condition and every condition nested in it."""
    if isinstance(condition, Condition):
        yield condition
    if dataclasses.is_dataclass(condition) and not isinstance(condition, type):
        for item in dataclasses.fields(condition):
            value = getattr(condition, item.name)
            values = value if isinstance(value, (tuple, list)) else (value,)
            for nested in values:
                if isinstance(nested, Condition):
                    yield from _conditions(nested)


def linked_types(controls: Iterable[Control], source: str) -> dict[str, frozenset[str]]:
    """For each resource type a source's checks judge, the types they look for besides it."""
    linked: dict[str, set[str]] = {}
    for control in controls:
        for check in control.checks:
            if check.source != source:
                continue
            found: set[str] = set()
            for root in (check.assertion, check.where):
                for condition in _conditions(root):
                    if isinstance(condition, (Related, Alongside)):
                        found.update(condition.resource_types)
            for resource_type in check.resource_types:
                linked.setdefault(resource_type, set()).update(found)
    return {kind: frozenset(types) for kind, types in linked.items()}


def judged_files(snapshots: Sequence[Snapshot]) -> frozenset[str] | None:
    """The files whose findings a focused scan reports, or None for a scan of everything."""
    files: set[str] = set()
    focused = False
    for snapshot in snapshots:
        focus = snapshot.metadata.get("focus")
        if isinstance(focus, Mapping):
            focused = True
            files.update(str(path) for path in focus.get("judged_files", ()))
    return frozenset(files) if focused else None


def judged_only(report: Report, files: frozenset[str]) -> Report:
    """The report with only the findings on `files`; a control left without any is
    not applicable to the change."""
    wanted = {Path(path).as_posix() for path in files}

    def kept(finding: Finding) -> bool:
        return finding.location.file is not None and finding.location.file in wanted

    results = []
    for result in report.results:
        findings = tuple(finding for finding in result.findings if kept(finding))
        if not result.findings:
            results.append(result)
            continue
        status = worst([f.status for f in findings]) if findings else Status.NOT_APPLICABLE
        results.append(ControlResult(result.control, status, findings))
    return replace(report, results=tuple(results))
