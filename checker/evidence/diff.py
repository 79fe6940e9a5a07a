"""The delta between two bundles: what an assessor asks about since the last quarter."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.library import requirement_order

_BAD = frozenset({"fail", "error"})


@dataclass
class Delta:
    """Controls, resources, waivers, attestations and requirement verdicts that moved between
    two bundles."""

    newly_failing: list[str] = field(default_factory=list)
    newly_passing: list[str] = field(default_factory=list)
    status_changed: list[str] = field(default_factory=list)
    resources_added: list[str] = field(default_factory=list)
    resources_removed: list[str] = field(default_factory=list)
    waivers_added: list[str] = field(default_factory=list)
    waivers_removed: list[str] = field(default_factory=list)
    waivers_expired: list[str] = field(default_factory=list)
    attestations_added: list[str] = field(default_factory=list)
    attestations_removed: list[str] = field(default_factory=list)
    attestations_expired: list[str] = field(default_factory=list)
    requirements_uncovered: list[str] = field(default_factory=list)
    requirements_changed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, list[str]]:
        """The JSON form."""
        return asdict(self)

    @property
    def empty(self) -> bool:
        """Whether nothing moved."""
        return not any(self.to_dict().values())


def _load(bundle: Path) -> tuple[dict[str, Any], set[str]]:
    try:
        report = json.loads((bundle / "report.json").read_text(encoding="utf-8"))
        resources: set[str] = set()
        for path in sorted((bundle / "snapshot").glob("*.json")):
            snapshot = json.loads(path.read_text(encoding="utf-8"))
            resources.update(
                f"{snapshot['source']}:{item['address']}" for item in snapshot["resources"]
            )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{bundle}: not a readable evidence bundle: {exc}") from exc
    return report, resources


def _waiver_key(waiver: dict[str, Any]) -> str:
    return (
        f"{waiver['control']} {waiver['resource']} ({waiver['ticket']}, until {waiver['expires']})"
    )


def _attestation_key(attestation: dict[str, Any]) -> str:
    return (
        f"{attestation['control']} by {attestation['attester']} ({attestation['date']}, until "
        f"{attestation['expires']})"
    )


def _requirements(report: dict[str, Any]) -> dict[str, str]:
    """Each requirement's status by `framework requirement`; none in bundles from before
    requirement verdicts were written."""
    return {
        f"{entry['framework']} {entry['id']}": str(entry["status"])
        for entry in report.get("requirements", [])
    }


def diff_bundles(old: Path, new: Path) -> Delta:
    """What changed from the `old` bundle to the `new` one."""
    old_report, old_resources = _load(old)
    new_report, new_resources = _load(new)
    old_status = {control["id"]: control["status"] for control in old_report["controls"]}
    new_status = {control["id"]: control["status"] for control in new_report["controls"]}
    delta = Delta()
    for control_id in sorted(set(old_status) | set(new_status)):
        before, after = old_status.get(control_id, "absent"), new_status.get(control_id, "absent")
        if before == after:
            continue
        if after in _BAD and before not in _BAD:
            delta.newly_failing.append(f"{control_id}: {before} -> {after}")
        elif before in _BAD and after not in _BAD:
            delta.newly_passing.append(f"{control_id}: {before} -> {after}")
        else:
            delta.status_changed.append(f"{control_id}: {before} -> {after}")
    delta.resources_added = sorted(new_resources - old_resources)
    delta.resources_removed = sorted(old_resources - new_resources)
    old_waivers = {_waiver_key(w): w for w in old_report.get("waivers", [])}
    new_waivers = {_waiver_key(w): w for w in new_report.get("waivers", [])}
    delta.waivers_added = sorted(set(new_waivers) - set(old_waivers))
    delta.waivers_removed = sorted(set(old_waivers) - set(new_waivers))
    delta.waivers_expired = sorted(
        key
        for key, waiver in new_waivers.items()
        if waiver.get("status") == "expired" and old_waivers.get(key, {}).get("status") != "expired"
    )
    _attestations(delta, old_report, new_report)
    old_requirements, new_requirements = _requirements(old_report), _requirements(new_report)
    for requirement in sorted(set(old_requirements) & set(new_requirements), key=_order):
        before, after = old_requirements[requirement], new_requirements[requirement]
        if before == after:
            continue
        if after in ("not_covered", "manual") and before not in ("not_covered", "manual"):
            delta.requirements_uncovered.append(f"{requirement}: {before} -> {after}")
        else:
            delta.requirements_changed.append(f"{requirement}: {before} -> {after}")
    return delta


def _attestations(delta: Delta, old_report: dict[str, Any], new_report: dict[str, Any]) -> None:
    old = {_attestation_key(a): a for a in old_report.get("attestations", [])}
    new = {_attestation_key(a): a for a in new_report.get("attestations", [])}
    delta.attestations_added = sorted(set(new) - set(old))
    delta.attestations_removed = sorted(set(old) - set(new))
    delta.attestations_expired = sorted(
        key
        for key, attestation in new.items()
        if attestation.get("status") == "expired" and old.get(key, {}).get("status") != "expired"
    )


def _order(requirement: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    framework, _, number = requirement.partition(" ")
    return framework, requirement_order(number)
