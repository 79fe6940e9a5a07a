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
    judged: set[tuple[str, str]] = set()
    for result in report.results:
        findings = tuple(finding for finding in result.findings if kept(finding))
        judged.update((result.control.id, finding.resource) for finding in findings)
        if not result.findings:
            results.append(result)
            continue
        status = worst([f.status for f in findings]) if findings else Status.NOT_APPLICABLE
        results.append(ControlResult(result.control, status, findings))
    baseline = report.baseline
    if baseline is not None:
        # An entry for a resource the change does not touch was not judged, not resolved.
        baseline = replace(
            baseline,
            resolved=tuple(e for e in baseline.resolved if (e.control, e.resource) in judged),
            failing=tuple(e for e in baseline.failing if (e.control, e.resource) in judged),
        )
    return replace(report, results=tuple(results), baseline=baseline)


def focus_summary(snapshots: Sequence[Snapshot]) -> str:
    """What a focused scan judged, and in which root modules, in a sentence."""
    for snapshot in snapshots:
        focus = snapshot.metadata.get("focus")
        if not isinstance(focus, Mapping):
            continue
        changed = len(focus.get("changed", ()))
        roots = [str(root) for root in snapshot.metadata.get("roots", ())]
        whole = [root for root in roots if root in set(focus.get("whole_roots", ()))]
        partly = [root for root in roots if root not in whole]
        if not roots:
            return f"no root module contains or calls the {changed} changed file(s)"
        parts = []
        if partly:
            parts.append(
                f"judged the resources of {changed} changed file(s), with their modules as "
                f"context, in {_named(partly)}"
            )
        if whole:
            parts.append(
                f"evaluated whole, as a variable file changed or a file is gone: {_named(whole)}"
            )
        return "; ".join(parts)
    return "nothing was focused"


def _named(roots: Sequence[str]) -> str:
    shown = ", ".join(roots[:5])
    more = f" and {len(roots) - 5} more" if len(roots) > 5 else ""
    return f"{len(roots)} root module(s): {shown}{more}"
