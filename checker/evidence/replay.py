"""Replaying a bundle: recompute every verdict from its snapshot and policies, offline."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from checker.attestations import load_attestations
from checker.engine import evaluate
from checker.errors import UsageError
from checker.evidence.trust import TrustedKey, Verification, verify_bundle
from checker.policy import Overrides, load_controls
from checker.serialization import snapshot_from_dict
from checker.waivers import load_waivers


@dataclass
class Replay:
    """Verdicts recomputed from a bundle, compared with those it records.

    Nothing is recomputed from a bundle that is not intact: `verification` says why.
    """

    verification: Verification
    controls: int = 0
    mismatches: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        """Whether the bundle was intact and every recomputed verdict equals the recorded one."""
        return self.verification.intact and not self.mismatches


def _verdicts(report: dict[str, Any]) -> dict[str, tuple[str, Counter[tuple[str, str]]]]:
    return {
        control["id"]: (
            control["status"],
            Counter((finding["resource"], finding["status"]) for finding in control["findings"]),
        )
        for control in report["controls"]
    }


def replay_bundle(bundle: Path, keys: Sequence[TrustedKey]) -> Replay:
    """Check the bundle against its manifest, policy digest and the trusted keys; if it is
    intact, re-evaluate its policies over its snapshots as of the day it was evaluated."""
    verification = verify_bundle(bundle, keys)
    if not verification.intact or verification.manifest is None:
        return Replay(verification)
    manifest = verification.manifest
    try:
        recorded = json.loads((bundle / "report.json").read_text(encoding="utf-8"))
        snapshots = [
            snapshot_from_dict(json.loads(path.read_text(encoding="utf-8")))
            for path in sorted((bundle / "snapshot").glob("*.json"))
        ]
        overrides = Overrides.from_dict(manifest.get("overrides", {}))
        as_of = date.fromisoformat(manifest["evaluated_as_of"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise UsageError(f"{bundle}: cannot replay: {exc}") from exc
    controls = load_controls([bundle / "policies"], overrides)
    waivers_file = bundle / "waivers.yaml"
    waivers = load_waivers(waivers_file) if waivers_file.is_file() else ()
    attestations_file = bundle / "attestations.yaml"
    attestations = load_attestations(attestations_file) if attestations_file.is_file() else ()
    report = evaluate(
        controls, snapshots, datetime.now(UTC), waivers, as_of, attestations=attestations
    ).to_dict()
    replay = Replay(verification, controls=len(report["controls"]))
    expected, actual = _verdicts(recorded), _verdicts(report)
    for control_id in sorted(set(expected) | set(actual)):
        if control_id not in actual:
            replay.mismatches.append(f"{control_id}: recorded but not recomputed")
        elif control_id not in expected:
            replay.mismatches.append(f"{control_id}: recomputed but not recorded")
        elif expected[control_id][0] != actual[control_id][0]:
            replay.mismatches.append(
                f"{control_id}: recorded {expected[control_id][0]}, "
                f"recomputed {actual[control_id][0]}"
            )
        elif expected[control_id][1] != actual[control_id][1]:
            differing = (expected[control_id][1] - actual[control_id][1]) + (
                actual[control_id][1] - expected[control_id][1]
            )
            resources = ", ".join(sorted({resource for resource, _ in differing}))
            replay.mismatches.append(f"{control_id}: findings differ for {resources}")
    return replay
