"""Evaluation: controls over snapshots, giving a finding per resource and a result per control."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from checker.attestations import Attestation
from checker.baseline import Baseline, BaselineEntry, BaselineOutcome
from checker.conditions import Scope
from checker.index import ResourceIndex
from checker.models import Finding, Resource, Snapshot, Status, Unresolved, WaiverNote, worst
from checker.policy import Check, Control
from checker.progress import advance
from checker.redaction import redact_text
from checker.results import ControlResult, Report
from checker.truth import Outcome, Truth, any_of, fails, holds, undecided
from checker.waivers import Waiver
from checker.workers import can_fork, forked_map, worker_count


def _scope_outcome(control: Control, resource: Resource) -> Outcome:
    """Whether the resource carries one of the tag values the control is scoped to."""
    tags = resource.tags
    if isinstance(tags, Unresolved):
        return undecided(f"its tags could not be resolved: {tags}")
    outcomes = []
    for key, wanted in control.scope_tags.items():
        value = tags.get(key)
        if isinstance(value, Unresolved):
            outcomes.append(undecided(f"tag {key} could not be resolved: {value}"))
        elif value is None:
            outcomes.append(fails(f"no tag {key}"))
        elif str(value) in wanted:
            outcomes.append(holds(f"tag {key}={value}"))
        else:
            outcomes.append(fails(f"tag {key}={value}"))
    return any_of(outcomes)


def _scope_truth(control: Control, resource: Resource) -> Truth:
    """Whether the resource is in the control's scope, as `_scope_outcome` decides it, without
    wording the reasons (only an undecided scope is reported, and most resources are decided
    by the tags as written)."""
    tags = resource.tags
    if isinstance(tags, Unresolved):
        return Truth.UNKNOWN
    undecided_tag = False
    for key, wanted in control.scope_tags.items():
        value = tags.get(key)
        if isinstance(value, Unresolved):
            undecided_tag = True
        elif value is not None and str(value) in wanted:
            return Truth.TRUE
    return Truth.UNKNOWN if undecided_tag else Truth.FALSE


def _finding(
    resource: Resource, status: Status, message: str, observed: Mapping[str, Any]
) -> Finding:
    return Finding(
        source=resource.source,
        resource=resource.address,
        status=status,
        # Values are masked when collected; this catches what a message quotes from elsewhere.
        message=redact_text(message),
        location=resource.location,
        observed=dict(observed),
        root=_evaluated_for(resource),
    )


def _evaluated_for(resource: Resource) -> str:
    """The Terraform root module a resource declared outside it (in a module that other roots
    may call too) was evaluated for; empty when its own file says where it belongs."""
    root, file = resource.namespace, resource.location.file
    if resource.source != "terraform" or not root or not file:
        return ""
    if root == ".":
        # The working folder: its own files are shown without a folder in front.
        inside = not file.startswith(("../", "/"))
        return "" if inside and "/" not in file else root
    return "" if file.startswith(root.rstrip("/") + "/") else root


def evaluate_check(
    control: Control, check: Check, resource: Resource, index: ResourceIndex
) -> Finding | None:
    """The finding of one check on one resource, or None when the check does not apply to it."""
    scope = Scope(index, resource, observed={})
    if resource.unresolved is not None:
        # A stand-in (a listing that failed, a count not known) has no tags to scope it out by.
        return _finding(
            resource, Status.ERROR, f"the resource could not be resolved: {resource.unresolved}", {}
        )
    if check.scoped and control.scope_tags:
        in_scope = _scope_truth(control, resource)
        if in_scope is Truth.FALSE:
            return None
        if in_scope is Truth.UNKNOWN:
            reason = _scope_outcome(control, resource).reason
            return _finding(
                resource, Status.ERROR, f"cannot tell whether it is in scope: {reason}", {}
            )
    if check.where is not None:
        applies = check.where.evaluate(resource.attributes, scope)
        if applies.truth is Truth.FALSE:
            return None
        if applies.truth is Truth.UNKNOWN:
            return _finding(
                resource,
                Status.ERROR,
                f"cannot tell whether the check applies: {applies.reason}",
                scope.observed,
            )
    outcome = check.assertion.evaluate(resource.attributes, scope)
    if outcome.truth is Truth.UNKNOWN:
        return _finding(
            resource, Status.ERROR, f"could not be evaluated: {outcome.reason}", scope.observed
        )
    if outcome.truth is Truth.TRUE:
        return _finding(resource, Status.PASS, outcome.reason, scope.observed)
    message = f"{check.message}: {outcome.reason}" if check.message else outcome.reason
    return _finding(resource, Status.FAIL, message, scope.observed)


def apply_waivers(
    control: Control,
    resource: Resource,
    finding: Finding,
    waivers: Sequence[Waiver],
    today: date,
) -> Finding:
    """A failing finding waived by an inline skip or a waiver in force; others unchanged.

    A matching waiver that has expired leaves the finding failing, noted as expired.
    """
    if finding.status is not Status.FAIL:
        return finding
    for suppression in resource.suppressions:
        if suppression.control_id == control.id:
            note = WaiverNote(suppression.reason, f"inline at {suppression.location}")
            return replace(finding, status=Status.WAIVED, waiver=note)
    expired: WaiverNote | None = None
    for waiver in waivers:
        if not waiver.matches(control.id, resource.address):
            continue
        note = WaiverNote(
            waiver.justification, "waivers file", waiver, expired=not waiver.in_force(today)
        )
        if not note.expired:
            return replace(finding, status=Status.WAIVED, waiver=note)
        expired = expired or note
    return finding if expired is None else replace(finding, waiver=expired)


class BaselineTally:
    """What a baseline meets during one evaluation: the failures it sets aside, and every
    failing or erring finding's identity (for `resolved`, and for a new baseline)."""

    def __init__(self, baseline: Baseline) -> None:
        self.baseline = baseline
        self.failing: set[BaselineEntry] = set()
        self.erring: set[BaselineEntry] = set()

    def apply(self, control: Control, resource: Resource, finding: Finding) -> Finding:
        """The finding, `baselined` if it fails and the baseline lists it."""
        if finding.status is Status.FAIL:
            entry = self.baseline.entry_for(control.id, resource)
            self.failing.add(entry)
            if entry in self.baseline.entries:
                return replace(finding, status=Status.BASELINED)
        elif finding.status is Status.ERROR:
            self.erring.add(self.baseline.entry_for(control.id, resource))
        return finding

    def outcome(self, evaluated: set[str], sources: Sequence[str]) -> BaselineOutcome:
        """The baseline's part of the report, once every control was evaluated."""
        entries = self.baseline.entries
        considered = {e for e in entries if e.control in evaluated and e.source in sources}
        resolved = considered - self.failing - self.erring
        return BaselineOutcome(
            self.baseline.path,
            matched=len(entries & self.failing),
            resolved=tuple(sorted(resolved)),
            failing=tuple(sorted(self.failing)),
        )


#: Findings of each check of a control, with the resource each is about.
Checked = list[list[tuple[Resource, Finding]]]


def _checked(
    control: Control,
    checks: Sequence[Check],
    index: ResourceIndex,
    waivers: Sequence[Waiver],
    today: date,
) -> Checked:
    """Each check's findings over the resources of `index`, waivers applied."""
    per_check: Checked = []
    for check in checks:
        resources = index.of_types(check.source, check.resource_types)
        advance("resources evaluated", len(resources))
        found = []
        for resource in resources:
            finding = evaluate_check(control, check, resource, index)
            if finding is not None:
                found.append((resource, apply_waivers(control, resource, finding, waivers, today)))
        per_check.append(found)
    return per_check


def _attested(control: Control, attestations: Sequence[Attestation], today: date) -> ControlResult:
    """A manual control's result: `pass` under an attestation in force, else `manual` with the
    attestation that lapsed last, if any. Only a control with no automated check at all can be
    attested: one whose checks merely do not read the scanned sources stays `manual`."""
    own = [a for a in attestations if a.control_id == control.id] if not control.checks else []
    in_force = [a for a in own if a.in_force(today)]
    if in_force:
        return ControlResult(control, Status.PASS, (), max(in_force, key=lambda a: a.expires))
    lapsed = [a for a in own if a.expires < today]
    latest = max(lapsed, key=lambda a: a.expires) if lapsed else None
    return ControlResult(control, Status.MANUAL, (), latest)


def _result(
    control: Control,
    checks: Sequence[Check],
    per_check: Checked,
    baseline: BaselineTally | None,
    attestations: Sequence[Attestation],
    today: date,
) -> ControlResult | None:
    """A control's result from its checks' findings, the baseline applied."""
    if not checks:
        if control.manual is None:
            return None
        return _attested(control, attestations, today)
    findings = [
        baseline.apply(control, resource, finding) if baseline is not None else finding
        for found in per_check
        for resource, finding in found
    ]
    if not findings:
        return ControlResult(control, Status.NOT_APPLICABLE, ())
    return ControlResult(control, worst([finding.status for finding in findings]), tuple(findings))


# Below this many resources, starting worker processes costs more than it saves.
PARALLEL_FROM = 4_000
# What forked workers read: set just before they are forked.
_SHARED: (
    tuple[
        Sequence[Control], tuple[str, ...], list[Resource], list[list[int]], Sequence[Waiver], date
    ]
    | None
) = None


def _namespace_groups(
    snapshots: Sequence[Snapshot], resources: list[Resource], workers: int
) -> list[list[int]] | None:
    """The resources' positions split among `workers` by namespace (a Terraform root module,
    an AWS account), or None to evaluate in this process. Checks look for other resources only
    in a resource's own namespace, so each group is evaluated as the whole would be."""
    if workers < 2 or len(resources) < PARALLEL_FROM or not can_fork():
        return None
    if any("plan" in snapshot.metadata for snapshot in snapshots):
        return None  # a plan's references do not carry their root module
    by_namespace: dict[str, list[int]] = {}
    for position, resource in enumerate(resources):
        by_namespace.setdefault(resource.namespace, []).append(position)
    if len(by_namespace) < 2:
        return None
    groups: list[list[int]] = [[] for _ in range(workers)]
    for positions in sorted(by_namespace.values(), key=len, reverse=True):
        min(groups, key=len).extend(positions)
    return [sorted(group) for group in groups if group]


def _evaluate_group(number: int) -> list[list[list[tuple[int, Finding]]]]:
    """In a worker: every control's findings per check over one group, by position."""
    assert _SHARED is not None
    controls, sources, resources, groups, waivers, today = _SHARED
    members = [resources[position] for position in groups[number]]
    positions = {id(resources[position]): position for position in groups[number]}
    index = ResourceIndex(members)
    return [
        [
            [(positions[id(resource)], finding) for resource, finding in found]
            for found in _checked(control, control.checks_for(sources), index, waivers, today)
        ]
        for control in controls
    ]


def _in_workers(
    controls: Sequence[Control],
    sources: tuple[str, ...],
    resources: list[Resource],
    groups: list[list[int]],
    waivers: Sequence[Waiver],
    today: date,
) -> list[Checked]:
    """Every control's findings per check, evaluated group by group in forked workers and
    put back in the order one process gives them (by the check's types, then the snapshots)."""
    global _SHARED
    _SHARED = (controls, sources, resources, groups, waivers, today)
    try:
        parts = list(forked_map(_evaluate_group, range(len(groups)), len(groups)))
    finally:
        _SHARED = None
    merged: list[Checked] = []
    for number, control in enumerate(controls):
        checks = control.checks_for(sources)
        per_check: Checked = []
        for at, check in enumerate(checks):
            found = [pair for part in parts for pair in part[number][at]]
            rank = {kind: order for order, kind in enumerate(check.resource_types)}
            found.sort(key=lambda pair: (rank.get(resources[pair[0]].type, 0), pair[0]))
            per_check.append([(resources[position], finding) for position, finding in found])
        merged.append(per_check)
    return merged


def evaluate(
    controls: Sequence[Control],
    snapshots: Sequence[Snapshot],
    started: datetime | None = None,
    waivers: Sequence[Waiver] = (),
    as_of: date | None = None,
    baseline: Baseline | None = None,
    attestations: Sequence[Attestation] = (),
) -> Report:
    """Evaluate every control over the snapshots; the snapshots are the only input read.

    Waivers and attestations are judged as of `as_of` (the start day by default), so that a
    replay of an old bundle applies them as they stood when it was made. Failures a `baseline`
    lists, and no waiver accepts, become `baselined`. An attestation decides only a control
    with no automated check.
    """
    started = started or datetime.now(UTC)
    as_of = as_of or started.date()
    sources = tuple(snapshot.source for snapshot in snapshots)
    resources = [resource for snapshot in snapshots for resource in snapshot.resources]
    tally = BaselineTally(baseline) if baseline is not None else None
    groups = _namespace_groups(snapshots, resources, worker_count())
    if groups is None:
        index = ResourceIndex(resources)
        checked = [
            _checked(control, control.checks_for(sources), index, waivers, as_of)
            for control in controls
        ]
    else:
        checked = _in_workers(controls, sources, resources, groups, waivers, as_of)
    results = []
    for control, per_check in zip(controls, checked, strict=True):
        result = _result(
            control, control.checks_for(sources), per_check, tally, attestations, as_of
        )
        if result is not None:
            results.append(result)
    errors = tuple(
        replace(error, message=redact_text(error.message))
        for snapshot in snapshots
        for error in snapshot.errors
    )
    evaluated = {result.control.id for result in results}
    return Report(
        tuple(results),
        errors,
        started,
        datetime.now(UTC),
        sources,
        tuple(waivers),
        as_of,
        tuple(attestations),
        baseline=tally.outcome(evaluated, sources) if tally is not None else None,
    )
