"""checkov's own skip comments as inline skips of the controls that take the skipped check.

checkov reads `checkov:skip=CKV_AWS_20:reason` (also `bridgecrew:skip=` and `cortex:skip=`, and
several ids separated by commas) on any line strictly inside a resource block, whatever starts
the comment (`#`, `//`, `/*`), and reports the check as `SKIPPED` with the text after the colon
as `suppress_comment`, or "No comment provided" when there is no colon. Its JSON does not say
on which line the comment is, so the adapter finds it in the resource's lines.

A skipped check that a control takes becomes, for that control, what `assaymark:skip=` is: the
finding is `waived` with checkov's reason, located at the comment. A skip without a reason
waives nothing, and is a source error naming the file and line, as an inline skip without a
reason is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from checker.models import Location, Resource, Snapshot, SourceError, Suppression
from checker.policy import CHECKOV_SOURCE, CheckovVerdict, Control

# A skip as checkov reads it: the ids skipped, then after a colon the reason.
_SKIP = re.compile(
    r"(?:checkov|bridgecrew|cortex):skip= *(?P<ids>[\w-]+(?:,[\w-]+)*)(?::(?P<reason>.*))?",
    re.ASCII,
)
#: What checkov reports as the suppress comment of a skip that has no colon and reason.
NO_COMMENT = "No comment provided"


@dataclass(frozen=True)
class SkipComment:
    """A checkov skip comment for one check: its line and its reason ("" when none)."""

    line: int
    reason: str


def _reason(text: str) -> str:
    # A block comment's closing `*/` is not part of the reason.
    return text.strip().removesuffix("*/").strip()


def find_skip(
    lines: Sequence[str], start_line: int, end_line: int, check_id: str
) -> SkipComment | None:
    """The first comment skipping `check_id` strictly between a block's first and last line
    (1-based, as checkov takes it), or None."""
    for number in range(start_line + 1, end_line):
        if number > len(lines):
            break
        match = _SKIP.search(lines[number - 1])
        if match is not None and check_id in match.group("ids").split(","):
            return SkipComment(number, _reason(match.group("reason") or ""))
    return None


def read_skip(
    path: Path, line_range: Sequence[int | None], check_id: str, suppress_comment: str | None
) -> SkipComment | None:
    """The comment behind a check checkov skipped in a file: found in the file's lines where it
    can be read, else at the block's first line with checkov's suppress comment as the reason."""
    start, end = [*line_range, None, None][:2]
    if not isinstance(start, int):
        return None
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    last = end if isinstance(end, int) else start
    found = find_skip(lines, start, last, check_id) if lines else None
    if found is not None:
        return found
    given = _reason(str(suppress_comment or ""))
    return SkipComment(start, "" if given == NO_COMMENT else given)


def skipped_checks(controls: Iterable[Control]) -> dict[str, tuple[str, ...]]:
    """For each checkov check id the controls take, the ids of those controls."""
    taken: dict[str, list[str]] = {}
    for control in controls:
        for check in control.checks:
            if check.source == CHECKOV_SOURCE and isinstance(check.assertion, CheckovVerdict):
                ids = taken.setdefault(check.assertion.check_id, [])
                if control.id not in ids:
                    ids.append(control.id)
    return {check_id: tuple(ids) for check_id, ids in taken.items()}


def with_checkov_skips(snapshot: Snapshot, controls: Iterable[Control]) -> Snapshot:
    """checkov's results with each check it skipped by a comment as an inline skip of every
    control taking that check (a source error where the comment gives no reason); any other
    snapshot unchanged. Applying it again changes nothing."""
    if snapshot.source != CHECKOV_SOURCE:
        return snapshot
    taken = skipped_checks(controls)
    errors = list(snapshot.errors)
    resources: list[Resource] = []
    for resource in snapshot.resources:
        control_ids = taken.get(resource.type, ())
        if resource.attributes.get("result") != "skipped" or not control_ids:
            resources.append(resource)
            continue
        line = resource.attributes.get("suppress_line")
        at = Location(
            file=resource.location.file,
            line=line if isinstance(line, int) else resource.location.line,
        )
        reason = str(resource.attributes.get("suppress_comment") or "")
        if not reason:
            error = SourceError(
                CHECKOV_SOURCE,
                f"checkov:skip={resource.type} has no reason; the finding stands",
                at,
            )
            if error not in errors:
                errors.append(error)
            resources.append(resource)
            continue
        added = [Suppression(control_id, reason, at) for control_id in control_ids]
        kept = resource.suppressions
        resources.append(
            replace(resource, suppressions=kept + tuple(s for s in added if s not in kept))
        )
    return replace(snapshot, resources=tuple(resources), errors=tuple(errors))
