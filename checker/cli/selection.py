"""Choosing which controls run: the built-in library, --policies folders, --framework, --control;
and refusing a selection that would quietly evaluate less than it seems to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

from checker.attestations import Attestation
from checker.errors import UsageError
from checker.library import builtin_policy_dir
from checker.models import Snapshot
from checker.policy import Control, Overrides, control_files, load_controls
from checker.waivers import Waiver

KNOWN_FRAMEWORKS = ("pci-dss-4.0", "gdpr")


def load_library(
    policy_dirs: Sequence[Path] = (), overrides: Overrides | None = None
) -> list[Control]:
    """The built-in controls plus those under `policy_dirs`."""
    paths = [builtin_policy_dir(), *policy_dirs]
    if overrides is not None:
        return load_controls(paths, overrides)
    # Controls are frozen: a run that needs the library twice reads it once (while no file of
    # it changed).
    files = tuple((path, _stamp(path)) for path in control_files(paths))
    return list(_library(tuple(paths), files))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (-1, -1)
    return (status.st_mtime_ns, status.st_size)


@cache
def _library(
    paths: tuple[Path, ...], files: tuple[tuple[Path, tuple[int, int]], ...]
) -> tuple[Control, ...]:
    return tuple(load_controls(list(paths)))


def select(
    library: Sequence[Control], frameworks: Sequence[str] = (), control_ids: Sequence[str] = ()
) -> list[Control]:
    """The controls of `library` narrowed by framework and id."""
    for framework in frameworks:
        if framework not in KNOWN_FRAMEWORKS:
            raise UsageError(
                f"unknown framework {framework!r}; known: {', '.join(KNOWN_FRAMEWORKS)}"
            )
    controls = list(library)
    if frameworks:
        controls = [c for c in controls if any(f in c.frameworks for f in frameworks)]
    if control_ids:
        known = {control.id for control in controls}
        missing = [control_id for control_id in control_ids if control_id not in known]
        if missing:
            raise UsageError(
                f"no such control: {', '.join(missing)} (see `assaymark policies list`)"
            )
        controls = [control for control in controls if control.id in control_ids]
    return controls


def load_selected(
    policy_dirs: Sequence[Path] = (),
    frameworks: Sequence[str] = (),
    control_ids: Sequence[str] = (),
    overrides: Overrides | None = None,
) -> list[Control]:
    """The built-in controls plus those under `policy_dirs`, narrowed by framework and id."""
    return select(load_library(policy_dirs, overrides), frameworks, control_ids)


def check_run(
    library: Sequence[Control],
    selected: Sequence[Control],
    sources: Sequence[str],
    control_ids: Sequence[str] = (),
    waivers: Sequence[Waiver] = (),
    overrides: Overrides | None = None,
    attestations: Sequence[Attestation] = (),
) -> None:
    """Refuse, before anything is collected, a run that would evaluate less than it says:
    waivers for controls that do not exist, attestations for controls that do not exist or
    that automated checks decide, scope tags no control is scoped by, a control asked for by
    id that has no check for the scanned sources, or nothing to evaluate at all."""
    known = {control.id for control in library}
    for waiver in waivers:
        if waiver.control_id not in known:
            raise UsageError(
                f"--waivers: the waiver for {waiver.control_id} ({waiver.resource}) names no "
                "control (see `assaymark policies list`)"
            )
    by_library_id = {control.id: control for control in library}
    for attestation in attestations:
        attested = by_library_id.get(attestation.control_id)
        if attested is None:
            raise UsageError(
                f"--attestations: the attestation by {attestation.attester} names no control "
                f"{attestation.control_id} (see `assaymark attest template`)"
            )
        if attested.checks:
            raise UsageError(
                f"--attestations: {attestation.control_id} is decided by automated checks; an "
                "attestation cannot change a check's verdict (waive an accepted failure instead)"
            )
    scope_keys = {key for control in library for key in control.scope_keys}
    for key in (overrides or Overrides()).scope_tags:
        if key not in scope_keys:
            raise UsageError(
                f"scope_tags.{key}: no control is scoped by the tag {key!r} "
                f"(the controls are scoped by: {', '.join(sorted(scope_keys)) or 'none'})"
            )
    evaluable = {c.id for c in selected if c.checks_for(sources) or c.manual is not None}
    by_id = {control.id: control for control in selected}
    for control_id in control_ids:
        control = by_id[control_id]
        if control_id not in evaluable:
            checked = sorted({check.source for check in control.checks}) or ["none"]
            hint = "; add --checkov" if "checkov" in checked and "terraform" in sources else ""
            raise UsageError(
                f"--control {control_id}: the control has no check for {_names(sources)}, so "
                f"nothing would be evaluated (it checks: {', '.join(checked)}{hint})"
            )
    if not evaluable:
        raise UsageError(
            f"none of the {len(selected)} selected controls has a check for {_names(sources)}: "
            "nothing would be evaluated"
        )


def check_suppressions(snapshots: Iterable[Snapshot], library: Sequence[Control]) -> None:
    """Refuse inline `assaymark:skip=` comments that name no control."""
    known = {control.id for control in library}
    for snapshot in snapshots:
        for resource in snapshot.resources:
            for suppression in resource.suppressions:
                if suppression.control_id not in known:
                    raise UsageError(
                        f"{suppression.location}: assaymark:skip={suppression.control_id} "
                        f"({resource.address}) names no control (see `assaymark policies list`)"
                    )


def _names(sources: Sequence[str]) -> str:
    return " or ".join(sources) if sources else "no source"
