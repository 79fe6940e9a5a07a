"""A verdict per framework requirement, rolled up from the controls that serve it.

An assessor reads an export requirement by requirement. Each requirement of a framework gets
the status of the evaluated controls that map to it, the most pressing first: `error`, `fail`,
`manual` (a control only a person can attest has not been attested), `waived`, `baselined`,
`pass`, `not_applicable`; and `not_covered` when no evaluated control serves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from checker.library import Framework, load_frameworks
from checker.models import Status
from checker.results import ControlResult, Report

NOT_COVERED = "not_covered"

# The requirement's status is the first of these that any of its controls has.
_PRECEDENCE = (
    Status.ERROR,
    Status.FAIL,
    Status.MANUAL,
    Status.WAIVED,
    Status.BASELINED,
    Status.PASS,
    Status.NOT_APPLICABLE,
)


@dataclass(frozen=True)
class RequirementVerdict:
    """One requirement's roll-up: its status, the controls it came from, and whether checks or
    people's attestations stand behind it."""

    framework: str
    id: str
    title: str
    status: str
    controls: tuple[str, ...]
    automated: bool
    attested: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, in reports."""
        return {
            "framework": self.framework,
            "id": self.id,
            "title": self.title,
            "status": self.status,
            "controls": list(self.controls),
            "automated": self.automated,
            "attested": self.attested,
        }


def requirement_verdicts(
    report: Report, frameworks: Mapping[str, Framework], selected: Sequence[str] = ()
) -> list[RequirementVerdict]:
    """Every requirement of the selected frameworks (by default, those the evaluated controls
    map to), in catalog order, with its roll-up."""
    named = {name for result in report.results for name in result.control.frameworks}
    chosen = [f for f in (selected or sorted(named)) if f in frameworks]
    verdicts = []
    for framework_id in chosen:
        framework = frameworks[framework_id]
        serving: dict[str, list[ControlResult]] = {}
        for result in report.results:
            for requirement_id in result.control.frameworks.get(framework_id, ()):
                serving.setdefault(requirement_id, []).append(result)
        for requirement in framework.requirements:
            results = serving.get(requirement.id, [])
            statuses = {result.status for result in results}
            status = next((str(s) for s in _PRECEDENCE if s in statuses), NOT_COVERED)
            verdicts.append(
                RequirementVerdict(
                    framework_id,
                    requirement.id,
                    requirement.title,
                    status,
                    tuple(result.control.id for result in results),
                    automated=any(result.control.checks for result in results),
                    attested=any(result.attested for result in results),
                )
            )
    return verdicts


def report_verdicts(
    report: Report, frameworks: Mapping[str, Framework] | None = None
) -> list[RequirementVerdict]:
    """The verdicts of every requirement of the frameworks the run selected (`--framework`),
    or of those its evaluated controls map to, from `frameworks` (the shipped catalogs unless
    the caller has them at hand)."""
    selected = tuple(report.settings.get("framework", ()))
    catalogs = frameworks if frameworks is not None else load_frameworks()
    return requirement_verdicts(report, catalogs, selected)


def coverage(verdicts: Sequence[RequirementVerdict]) -> dict[str, dict[str, int]]:
    """Per framework: how many requirements automated checks evaluated, how many a person's
    attestation in force accounts for, how many neither (uncovered), of how many."""
    figures: dict[str, dict[str, int]] = {}
    for verdict in verdicts:
        counts = figures.setdefault(
            verdict.framework, {"automated": 0, "attested": 0, "uncovered": 0, "total": 0}
        )
        counts["total"] += 1
        counts["automated"] += verdict.automated
        counts["attested"] += verdict.attested
        counts["uncovered"] += not (verdict.automated or verdict.attested)
    return figures
