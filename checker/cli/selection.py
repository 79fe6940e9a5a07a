"""Choosing which controls run: the built-in library, --policies folders, --framework, --control."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from checker.errors import UsageError
from checker.library import builtin_policy_dir
from checker.policy import Control, Overrides, load_controls

KNOWN_FRAMEWORKS = ("pci-dss-4.0", "gdpr")


def load_selected(
    policy_dirs: Sequence[Path] = (),
    frameworks: Sequence[str] = (),
    control_ids: Sequence[str] = (),
    overrides: Overrides | None = None,
) -> list[Control]:
    """The built-in controls plus those under `policy_dirs`, narrowed by framework and id."""
    for framework in frameworks:
        if framework not in KNOWN_FRAMEWORKS:
            raise UsageError(
                f"unknown framework {framework!r}; known: {', '.join(KNOWN_FRAMEWORKS)}"
            )
    controls = load_controls([builtin_policy_dir(), *policy_dirs], overrides)
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
