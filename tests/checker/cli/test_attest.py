"""`assaymark attest template`, and scans given `--attestations`: manual controls reported,
attested ones passing, their evidence in the bundle and its manifest, replayed alike."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import yaml

from tests.conftest import DATA, REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"
PLAN = "pci-12.10.1-incident-response-plan"


def attestations_today(folder: Path) -> Path:
    """The test attestations, the plan's dated today and in force for a year, the awareness
    program's lapsed a month ago."""
    shutil.copytree(DATA / "attestations", folder, dirs_exist_ok=True)
    path = folder / "attestations.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    today = dt.date.today()
    plan, awareness = data["attestations"]
    plan["date"], plan["expires"] = today, today + dt.timedelta(days=365)
    awareness["date"] = today - dt.timedelta(days=400)
    awareness["expires"] = today - dt.timedelta(days=30)
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def test_the_template_has_an_entry_to_fill_in_per_manual_control(
    run: RunCli, tmp_path: Path
) -> None:
    result = run("attest", "template", "--framework", "pci-dss-4.0")
    assert result.code == 0, result.err
    data = yaml.safe_load(result.out)
    controls = [entry["control"] for entry in data["attestations"]]
    assert PLAN in controls and "pci-1.1.1-policies-and-roles" in controls
    assert "# Attest the incident response plan" in result.out
    written = tmp_path / "attestations.yaml"
    assert run("attest", "template", "--framework", "pci-dss-4.0", "-o", written).code == 0
    assert written.read_text("utf-8") == result.out
    again = run("attest", "template", "--framework", "pci-dss-4.0", "-o", written)
    assert again.code == 2 and "the file exists" in again.err
    # Passed on unfilled, it is refused rather than attested.
    unfilled = run("scan", "terraform", COMPLIANT, "--attestations", written)
    assert unfilled.code == 2
    assert f"{written}: attestation 1 (" in unfilled.err
    assert "date must be a date (YYYY-MM-DD)" in unfilled.err


def test_manual_controls_are_reported_only_when_attestations_are_given(
    run: RunCli, tmp_path: Path
) -> None:
    plain = run("scan", "terraform", COMPLIANT, "--format", "json").json()
    assert not any(control["status"] == "manual" for control in plain["controls"])
    path = attestations_today(tmp_path / "attested")
    result = run("scan", "terraform", COMPLIANT, "--format", "json", "--attestations", path)
    assert result.code == 0, result.err
    report = result.json()
    controls = {control["id"]: control for control in report["controls"]}
    assert controls[PLAN]["status"] == "pass"
    assert controls[PLAN]["attestation"]["attester"] == "Dana Whitfield"
    assert controls["pci-12.6.1-security-awareness-program"]["status"] == "manual"
    assert controls["pci-12.7.1-personnel-screening"]["status"] == "manual"
    assert [entry["status"] for entry in report["attestations"]] == ["applied", "expired"]
    requirements = {(r["framework"], r["id"]): r for r in report["requirements"]}
    assert requirements[("pci-dss-4.0", "12.10.1")]["status"] == "pass"
    assert requirements[("pci-dss-4.0", "12.10.1")]["attested"] is True
    assert requirements[("pci-dss-4.0", "12.6.1")]["status"] == "manual"
    pci = report["coverage"]["pci-dss-4.0"]
    assert pci["attested"] == len(controls[PLAN]["frameworks"]["pci-dss-4.0"])
    assert pci["automated"] + pci["attested"] + pci["uncovered"] <= pci["total"] == 250
    text = run("scan", "terraform", COMPLIANT, "--attestations", path)
    assert "attested by Dana Whitfield (Chief Information Security Officer)" in text.out
    assert "attestation expired by Sam Okafor" in text.out


def test_an_attestation_for_an_automated_or_unknown_control_is_refused(
    run: RunCli, tmp_path: Path
) -> None:
    path = attestations_today(tmp_path)
    data = yaml.safe_load(path.read_text("utf-8"))
    data["attestations"][0]["control"] = "pci-3.5.1-s3-kms-encryption"
    path.write_text(yaml.safe_dump(data), "utf-8")
    result = run("scan", "terraform", COMPLIANT, "--attestations", path)
    assert result.code == 2
    assert "pci-3.5.1-s3-kms-encryption is decided by automated checks" in result.err
    data["attestations"][0]["control"] = "pci-99-no-such-control"
    path.write_text(yaml.safe_dump(data), "utf-8")
    result = run("scan", "terraform", COMPLIANT, "--attestations", path)
    assert result.code == 2
    assert "names no control pci-99-no-such-control" in result.err


def test_the_bundle_holds_the_attestations_and_their_evidence_and_replays(
    run: RunCli, tmp_path: Path
) -> None:
    path = attestations_today(tmp_path / "attested")
    bundle = tmp_path / "bundle"
    result = run("scan", "terraform", COMPLIANT, "--attestations", path, "--evidence", bundle)
    assert result.code == 0, result.err
    copied = bundle / "attestations" / PLAN / "ir-plan-v7.txt"
    original = (DATA / "attestations" / "evidence" / "ir-plan-v7.txt").read_bytes()
    assert copied.read_bytes() == original
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    files = manifest["files"]
    assert files[f"attestations/{PLAN}/ir-plan-v7.txt"]["sha256"] == (
        hashlib.sha256(original).hexdigest()
    )
    assert "attestations.yaml" in files
    recorded = yaml.safe_load((bundle / "attestations.yaml").read_text("utf-8"))
    assert recorded["attestations"][0]["evidence"][0] == f"attestations/{PLAN}/ir-plan-v7.txt"
    assert "files match the manifest" in run("evidence", "verify", bundle).out
    replay = run("evidence", "replay", bundle)
    assert "control verdicts match" in replay.out, replay.out
    # Evidence changed after the run no longer matches the manifest.
    copied.write_bytes(b"a different plan")
    assert f"changed: attestations/{PLAN}/ir-plan-v7.txt" in run("evidence", "verify", bundle).out


def test_run_takes_the_attestations_from_its_configuration(run: RunCli, tmp_path: Path) -> None:
    path = attestations_today(tmp_path / "compliance")
    config = tmp_path / "assaymark.yaml"
    config.write_text(
        f"terraform: {{paths: [{COMPLIANT}]}}\nattestations: compliance/{path.name}\n", "utf-8"
    )
    result = run("run", "--config", config, "--format", "json")
    assert result.code == 0, result.err
    controls = {control["id"]: control for control in result.json()["controls"]}
    assert controls[PLAN]["status"] == "pass"
    assert result.json()["settings"]["attestations"] == str(path)


def test_the_delta_names_requirements_left_uncovered_and_attestations_gone(
    run: RunCli, tmp_path: Path
) -> None:
    path = attestations_today(tmp_path / "attested")
    before, after = tmp_path / "2027-Q1", tmp_path / "2027-Q2"
    assert (
        run("scan", "terraform", COMPLIANT, "--attestations", path, "--evidence", before).code == 0
    )
    data = yaml.safe_load(path.read_text("utf-8"))
    data["attestations"] = data["attestations"][1:]  # the plan's attestation was not renewed
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    assert (
        run("scan", "terraform", COMPLIANT, "--attestations", path, "--evidence", after).code == 0
    )
    delta = run("evidence", "diff", before, after, "--format", "json").json()
    assert [entry.split(" by ")[0] for entry in delta["attestations_removed"]] == [PLAN]
    assert "pci-dss-4.0 12.10.1: pass -> manual" in delta["requirements_uncovered"]
    assert f"{PLAN}: pass -> manual" in delta["status_changed"]
