"""Which findings a format lists when the user bounds them (--max-results, --min-severity).

Formats read where space is limited (code scanning, a pull-request comment) list the findings
that matter most first and state how many they left out, so that a bounded report never
reads as a clean one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from checker.errors import UsageError
from checker.formats.base import FormatSettings
from checker.models import Status
from checker.results import SEVERITIES as LOWEST_FIRST

#: Control severities, the most severe first (the control schema allows these five).
SEVERITIES = tuple(reversed(LOWEST_FIRST))
_SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}

# Failing and erroring findings come before the accepted ones (baselined, waived); among them
# errors first, as everywhere in the reports, then the more severe control first.
_STATUS_RANK = {
    Status.ERROR: (0, 0),
    Status.FAIL: (0, 1),
    Status.BASELINED: (1, 0),
    Status.WAIVED: (1, 1),
}

T = TypeVar("T")


def severity_rank(severity: str) -> int:
    """0 for critical up to 4 for info; an unknown severity ranks below info."""
    return _SEVERITY_RANK.get(severity, len(SEVERITIES))


def minimum_rank(settings: FormatSettings) -> int:
    """The rank of --min-severity (everything is listed without it)."""
    if settings.min_severity is None:
        return len(SEVERITIES)
    if settings.min_severity not in _SEVERITY_RANK:
        raise UsageError(
            f"--min-severity {settings.min_severity}: expected one of {', '.join(SEVERITIES)}"
        )
    return _SEVERITY_RANK[settings.min_severity]


def priority(status: Status, severity: str) -> tuple[int, int, int]:
    """The order in which findings are kept when not all of them can be listed."""
    group, within = _STATUS_RANK.get(status, (2, 0))
    return group, within, severity_rank(severity)


@dataclass(frozen=True)
class LeftOut:
    """How many findings a format did not list, by reason."""

    below_severity: int = 0
    over_limit: int = 0
    for_size: int = 0
    per_control: int = 0

    @property
    def total(self) -> int:
        """All the findings left out."""
        return self.below_severity + self.over_limit + self.for_size + self.per_control

    def reasons(
        self, settings: FormatSettings, size_reason: str = "", per_control: str = ""
    ) -> str:
        """The reasons with their counts: `12 below --min-severity high, 3 over --max-results 5`;
        `size_reason` and `per_control` name the format's own limits."""
        parts = []
        if self.below_severity:
            parts.append(f"{self.below_severity} below --min-severity {settings.min_severity}")
        if self.over_limit:
            parts.append(f"{self.over_limit} over --max-results {settings.max_results}")
        if self.per_control:
            parts.append(f"{self.per_control} {per_control}")
        if self.for_size:
            parts.append(f"{self.for_size} {size_reason}")
        return ", ".join(parts)


def select(
    candidates: Sequence[T],
    rank: Callable[[T], tuple[Status, str | None]],
    settings: FormatSettings,
) -> tuple[list[T], LeftOut]:
    """The candidates to list, in their own order, and how many were left out.

    `rank` gives each candidate's status and its control's severity (None for what has no
    control, such as a source error: it is never below a minimum severity and ranks first).
    """
    minimum = minimum_rank(settings)
    if settings.max_results is not None and settings.max_results < 0:
        raise UsageError(f"--max-results {settings.max_results}: expected 0 or more")
    kept: list[tuple[tuple[int, int, int], int]] = []
    below = 0
    for position, candidate in enumerate(candidates):
        status, severity = rank(candidate)
        if severity is not None and severity_rank(severity) > minimum:
            below += 1
            continue
        order = priority(status, severity) if severity is not None else (0, 0, -1)
        kept.append((order, position))
    over = 0
    if settings.max_results is not None and len(kept) > settings.max_results:
        kept.sort()
        over = len(kept) - settings.max_results
        kept = kept[: settings.max_results]
    positions = sorted(position for _, position in kept)
    return [candidates[p] for p in positions], LeftOut(below_severity=below, over_limit=over)
