"""The outcome of an evaluation: a result per control, and the report that gathers them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from checker import __version__
from checker.attestations import Attestation
from checker.baseline import BaselineOutcome
from checker.models import Finding, SourceError, Status
from checker.policy import Control
from checker.waivers import Waiver

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NOT_EVALUATED = 3

#: Control severities, lowest first (`--fail-on` takes one).
SEVERITIES = ("info", "low", "medium", "high", "critical")


@dataclass(frozen=True)
class ControlResult:
    """A control's status and the findings it rolled up from."""

    control: Control
    status: Status
    findings: tuple[Finding, ...]
    #: For a manual control: the attestation that made it pass, or the latest expired one.
    attestation: Attestation | None = None

    @property
    def attested(self) -> bool:
        """Whether a person's attestation in force, not a check, gave the verdict."""
        return self.attestation is not None and self.status is Status.PASS

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report contract."""
        control = self.control
        data: dict[str, Any] = {
            "id": control.id,
            "title": control.title,
            "severity": control.severity,
            "frameworks": {name: list(ids) for name, ids in control.frameworks.items()},
            "status": str(self.status),
            "remediation": control.remediation,
            "findings": [finding.to_dict() for finding in self.findings],
        }
        if control.manual is not None and not control.checks:
            data["manual"] = control.manual
        if self.attestation is not None:
            data["attestation"] = {
                **self.attestation.to_dict(),
                "status": "applied" if self.attested else "expired",
            }
        return data


@dataclass(frozen=True)
class Report:
    """Everything one run found: the input of every output format and of the exit code."""

    results: tuple[ControlResult, ...]
    errors: tuple[SourceError, ...]
    started: datetime
    finished: datetime
    sources: tuple[str, ...] = field(default=())
    waivers: tuple[Waiver, ...] = field(default=())
    as_of: date | None = None
    attestations: tuple[Attestation, ...] = field(default=())
    baseline: BaselineOutcome | None = None
    #: How the run was asked for (options and the configuration file they came from).
    settings: Mapping[str, Any] = field(default_factory=dict)

    def waiver_statuses(self) -> list[dict[str, Any]]:
        """Each waiver with whether it was applied, has expired, or matched nothing."""
        entries = []
        for waiver in self.waivers:
            notes = [
                finding.waiver
                for result in self.results
                for finding in result.findings
                if finding.waiver is not None and finding.waiver.waiver == waiver
            ]
            if any(not note.expired for note in notes):
                status = "applied"
            elif notes or (self.as_of is not None and not waiver.in_force(self.as_of)):
                status = "expired"
            else:
                status = "unused"
            entries.append({**waiver.to_dict(), "status": status, "findings": len(notes)})
        return entries

    def attestation_statuses(self) -> list[dict[str, Any]]:
        """Each attestation with whether it made its control pass (`applied`), has lapsed
        (`expired`), is not yet in force (`future`), names a control with automated checks,
        whose verdict it cannot change (`not_applicable`), or named no control of the run
        (`unused`)."""
        results = {result.control.id: result for result in self.results}
        on = self.as_of or self.started.date()
        entries = []
        for attestation in self.attestations:
            result = results.get(attestation.control_id)
            if result is None:
                status = "unused"
            elif result.control.checks:
                status = "not_applicable"
            elif attestation.in_force(on):
                status = "applied"
            elif on < attestation.date:
                status = "future"
            else:
                status = "expired"
            entries.append({**attestation.to_dict(), "status": status})
        return entries

    @property
    def summary(self) -> dict[str, int]:
        """How many controls ended in each status (every status is listed, zero or not)."""
        counts = Counter(result.status for result in self.results)
        return {str(status): counts.get(status, 0) for status in Status}

    @property
    def exit_code(self) -> int:
        """3 if anything could not be evaluated, else 1 if a control failed, else 0."""
        statuses = {result.status for result in self.results}
        if self.errors or Status.ERROR in statuses:
            return EXIT_NOT_EVALUATED
        if Status.FAIL in statuses:
            return EXIT_FAILED
        return EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        """The JSON report (a contract: see docs/contracts.md)."""
        data: dict[str, Any] = {
            "tool": {"name": "assaymark", "version": __version__},
            "started": utc_timestamp(self.started),
            "finished": utc_timestamp(self.finished),
            "sources": list(self.sources),
            "summary": self.summary,
            "controls": [result.to_dict() for result in self.results],
            "errors": [error.to_dict() for error in self.errors],
            "waivers": self.waiver_statuses(),
        }
        if self.attestations:
            data["attestations"] = self.attestation_statuses()
        if self.settings:
            data["settings"] = dict(self.settings)
        if self.baseline is not None and self.baseline.path is not None:
            data["baseline"] = self.baseline.to_dict()
        return data


@dataclass(frozen=True)
class ExitPolicy:
    """How a CI job wants the verdict turned into an exit code.

    `soft_fail` exits 0 when controls fail; `soft_fail_on_error` exits 0 (or 1) when something
    could not be evaluated; `fail_on` counts only failing controls of that severity or higher.
    """

    soft_fail: bool = False
    soft_fail_on_error: bool = False
    fail_on: str | None = None

    def failing(self, report: Report) -> list[ControlResult]:
        """The failing controls that count for the exit code."""
        lowest = SEVERITIES.index(self.fail_on) if self.fail_on is not None else 0
        return [
            result
            for result in report.results
            if result.status is Status.FAIL and SEVERITIES.index(result.control.severity) >= lowest
        ]

    def exit_code(self, report: Report) -> int:
        """3 if anything could not be evaluated, else 1 if a counted control failed, else 0;
        each softened as asked."""
        if report.exit_code == EXIT_NOT_EVALUATED and not self.soft_fail_on_error:
            return EXIT_NOT_EVALUATED
        if self.failing(report) and not self.soft_fail:
            return EXIT_FAILED
        return EXIT_OK


def utc_timestamp(moment: datetime) -> str:
    """A moment as the reports write it: `2026-11-22T10:00:00Z`."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")
