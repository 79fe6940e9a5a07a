"""Attestations: read with errors naming the file and entry, and applied to manual controls
only, as of the day of the run."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from adapters.terraform import TerraformAdapter
from checker.attestations import Attestation, load_attestations
from checker.engine import evaluate
from checker.errors import UsageError
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from tests.conftest import DATA

ATTESTATIONS = DATA / "attestations" / "attestations.yaml"
LIBRARY = {control.id: control for control in load_controls([builtin_policy_dir()])}
PLAN = "pci-12.10.1-incident-response-plan"
AWARENESS = "pci-12.6.1-security-awareness-program"


def test_an_attestations_file_is_read_with_its_evidence_hashed() -> None:
    plan, awareness = load_attestations(ATTESTATIONS)
    assert (plan.control_id, plan.attester, plan.role) == (
        PLAN,
        "Dana Whitfield",
        "Chief Information Security Officer",
    )
    assert (plan.date, plan.expires) == (dt.date(2026, 11, 30), dt.date(2027, 11, 30))
    first = plan.evidence[0]
    content = (DATA / "attestations" / "evidence" / "ir-plan-v7.txt").read_bytes()
    assert (first.name, first.sha256, first.size) == (
        "ir-plan-v7.txt",
        hashlib.sha256(content).hexdigest(),
        len(content),
    )
    assert awareness.to_dict()["evidence"][0]["file"] == "training-completion-2025.txt"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("- control: x\n  statement: s\n", "attestation 1: missing attester, role, date, expires"),
        (
            "- {control: x, statement: s, attester: a, role: r, date: 2026-13-01, "
            "expires: 2027-01-01}\n",
            "attestation 1 (x): date must be a date (YYYY-MM-DD)",
        ),
        (
            "- {control: x, statement: s, attester: a, role: r, date: YYYY-MM-DD, "
            "expires: YYYY-MM-DD}\n",
            "attestation 1 (x): date must be a date (YYYY-MM-DD)",
        ),
        (
            "- {control: x, statement: s, attester: a, role: r, date: 2026-05-01, "
            "expires: 2026-04-01}\n",
            "attestation 1 (x): expires (2026-04-01) is before its date (2026-05-01)",
        ),
        (
            "- {control: x, statement: s, attester: a, role: r, date: 2026-05-01, "
            "expires: 2027-05-01, evidence: [missing.pdf]}\n",
            "attestation 1 (x): evidence file missing.pdf not found",
        ),
        (
            "- {control: x, statement: s, attester: a, role: r, date: 2026-05-01, "
            "expires: 2027-05-01, approver: b}\n",
            "attestation 1: unknown key(s) approver",
        ),
    ],
)
def test_a_bad_entry_is_refused_naming_file_entry_and_field(
    tmp_path: Path, entry: str, message: str
) -> None:
    path = tmp_path / "attestations.yaml"
    path.write_text("attestations:\n" + "\n".join("  " + line for line in entry.splitlines()))
    with pytest.raises(UsageError) as raised:
        load_attestations(path)
    assert str(raised.value).startswith(f"{path}: {message}"), str(raised.value)


def test_two_evidence_files_of_one_name_are_refused(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "policy.pdf").write_bytes(b"%PDF")
    path = tmp_path / "attestations.yaml"
    path.write_text(
        "attestations:\n  - {control: x, statement: s, attester: a, role: r, date: 2026-05-01,"
        " expires: 2027-05-01, evidence: [a/policy.pdf, b/policy.pdf]}\n"
    )
    with pytest.raises(UsageError, match=r"two evidence files are named policy\.pdf"):
        load_attestations(path)


def _report(as_of: dt.date) -> Any:
    controls = [LIBRARY[PLAN], LIBRARY[AWARENESS], LIBRARY["pci-12.7.1-personnel-screening"]]
    snapshot = Snapshot("terraform", ())
    report = evaluate(
        controls, [snapshot], as_of=as_of, attestations=load_attestations(ATTESTATIONS)
    )
    return report.to_dict()


def test_an_attestation_in_force_passes_its_manual_control_and_an_expired_one_does_not() -> None:
    report = _report(dt.date(2026, 12, 4))
    controls = {control["id"]: control for control in report["controls"]}
    assert controls[PLAN]["status"] == "pass"
    assert controls[PLAN]["attestation"]["status"] == "applied"
    assert controls[PLAN]["attestation"]["evidence"][1]["file"] == "tabletop-2026-10.txt"
    assert controls[AWARENESS]["status"] == "manual"
    assert controls[AWARENESS]["attestation"]["status"] == "expired"
    assert controls["pci-12.7.1-personnel-screening"]["status"] == "manual"
    assert "attestation" not in controls["pci-12.7.1-personnel-screening"]
    assert controls["pci-12.7.1-personnel-screening"]["manual"].startswith("Attest ")
    statuses = [(a["control"], a["status"]) for a in report["attestations"]]
    assert statuses == [(PLAN, "applied"), (AWARENESS, "expired")]


def test_an_attestation_dated_after_the_run_is_not_yet_in_force() -> None:
    report = _report(dt.date(2026, 11, 1))
    controls = {control["id"]: control for control in report["controls"]}
    assert controls[PLAN]["status"] == "manual"
    assert next(a["status"] for a in report["attestations"]) == "future"


def test_an_attestation_cannot_change_an_automated_verdict() -> None:
    automated = LIBRARY["pci-3.5.1-s3-kms-encryption"]
    forged = Attestation(
        automated.id,
        "The buckets are encrypted.",
        "A",
        "B",
        dt.date(2026, 1, 1),
        dt.date(2027, 1, 1),
    )
    folder = DATA / "controls" / automated.id / "fail"
    snapshot = TerraformAdapter([folder]).collect()
    (result,) = evaluate(
        [automated], [snapshot], as_of=dt.date(2026, 6, 1), attestations=[forged]
    ).results
    assert result.status is Status.FAIL
    assert result.attestation is None
