"""The built-in control library: valid, mapped to catalogued requirements, and each control
fails on its failing fixture and passes on its passing one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from adapters.terraform import TerraformAdapter
from checker.engine import evaluate
from checker.library import builtin_policy_dir, load_frameworks
from checker.models import Status, worst
from checker.policy import Control, load_controls
from tests.conftest import DATA, REPO

FIXTURES = DATA / "controls"
LIBRARY = {control.id: control for control in load_controls([builtin_policy_dir()])}
TERRAFORM_CONTROLS = sorted(i for i, c in LIBRARY.items() if c.checks_for(["terraform"]))


def verdict(control: Control, folder: Path) -> tuple[Status, dict[str, str]]:
    snapshot = TerraformAdapter([folder]).collect()
    assert snapshot.errors == (), f"{folder}: {snapshot.errors}"
    (result,) = evaluate([control], [snapshot]).results
    by_resource: dict[str, list[Status]] = {}
    for finding in result.findings:
        by_resource.setdefault(finding.resource, []).append(finding.status)
    return result.status, {address: worst(s).value for address, s in by_resource.items()}


def expected_verdicts(control_id: str, variant: str) -> dict[str, str]:
    """The status each resource must get in one fixture folder, from its verdicts.yaml (a
    resource several checks judge gets the worst of their verdicts)."""
    listed = yaml.safe_load((FIXTURES / control_id / "verdicts.yaml").read_text("utf-8"))
    return {str(address): str(status) for address, status in (listed[variant] or {}).items()}


def test_the_library_has_at_least_35_terraform_controls() -> None:
    assert len(TERRAFORM_CONTROLS) >= 35


def test_every_control_has_a_fixture_pair_and_every_pair_a_control() -> None:
    pairs = {folder.name for folder in FIXTURES.iterdir() if folder.is_dir()}
    assert pairs == set(TERRAFORM_CONTROLS)


@pytest.mark.parametrize("control_id", TERRAFORM_CONTROLS)
def test_control_fails_on_its_failing_fixture(control_id: str) -> None:
    status, findings = verdict(LIBRARY[control_id], FIXTURES / control_id / "fail")
    assert status is Status.FAIL, findings
    assert findings == expected_verdicts(control_id, "fail")


@pytest.mark.parametrize("control_id", TERRAFORM_CONTROLS)
def test_control_passes_on_its_passing_fixture(control_id: str) -> None:
    status, findings = verdict(LIBRARY[control_id], FIXTURES / control_id / "pass")
    assert status is Status.PASS, findings
    assert findings == expected_verdicts(control_id, "pass")


def test_every_requirement_a_control_names_is_in_its_framework_catalog() -> None:
    catalogs = load_frameworks()
    for control in LIBRARY.values():
        for framework, requirements in control.frameworks.items():
            known = {requirement.id for requirement in catalogs[framework].requirements}
            assert set(requirements) <= known, control.id


def test_the_mapping_notes_state_the_coverage_the_library_has() -> None:
    (pci,) = [f for f in load_frameworks().values() if f.id == "pci-dss-4.0"]
    mapped = {
        ref for c in LIBRARY.values() if c.checks for ref in c.frameworks.get("pci-dss-4.0", ())
    }
    covered = sum(1 for requirement in pci.requirements if requirement.id in mapped)
    notes = (REPO / "docs" / "mappings.md").read_text(encoding="utf-8")
    stated = re.search(r"automates (\d+) of PCI DSS v4\.0's (\d+) requirements", notes)
    assert stated, "docs/mappings.md no longer states the coverage"
    assert (int(stated[1]), int(stated[2])) == (covered, len(pci.requirements))


def test_at_least_60_checkov_checks_are_mapped_once_each_with_a_reason() -> None:
    listed = DATA / "checkov" / "aws-checks.tsv"
    known = {
        line.split("\t")[0]
        for line in listed.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    }
    mapped: dict[str, str] = {}
    for control in LIBRARY.values():
        for check in control.checks_for(["checkov"]):
            check_id = check.resource_types[0]
            assert check_id in known, f"{control.id}: {check_id} is no checkov AWS check"
            assert check_id not in mapped, f"{check_id}: {mapped.get(check_id)} and {control.id}"
            assert check.reason and check_id in check.reason, control.id
            mapped[check_id] = control.id
    assert len(mapped) >= 60


# Controls whose requirement one source alone can show, and why the other cannot.
AWS_ONLY = {
    "pci-8.2.2-no-root-access-keys": "root access keys are made by hand, never by Terraform",
    "pci-8.2.6-unused-access-keys": "when a key was last used is known only to the account",
    "pci-8.2.6-unused-passwords": "when a password was last used is known only to the account",
    "pci-8.3.9-access-key-rotation": "a key's age is known only to the account",
    "pci-8.4.1-root-mfa": "the root user's MFA is set by hand, never by Terraform",
    "pci-8.4.2-user-mfa": "MFA devices are enrolled by their users, not by Terraform",
    "pci-6.3.3-ssm-patch-compliance": "whether patches are installed is known only to the instance",
    "pci-11.3.1.2-inspector-instance-coverage": (
        "whether Inspector reaches an instance is known only to Inspector"
    ),
    "gdpr-art32-kms-key-not-pending-deletion": (
        "Terraform schedules a deletion only when it destroys the key, so no state shows one"
    ),
}
TERRAFORM_ONLY = {
    "pci-8.6.2-provider-static-keys": "keys written into provider blocks exist only in code",
    "pci-8.6.2-variable-default-secrets": "variable defaults exist only in code",
    "pci-8.3.5-iam-initial-password-reset": (
        "the reset flag turns false once the user changes the password, so AWS cannot show it"
    ),
}


def test_every_pci_requirement_has_an_automated_check_or_a_manual_control() -> None:
    (pci,) = [f for f in load_frameworks().values() if f.id == "pci-dss-4.0"]
    mapped = {ref for c in LIBRARY.values() for ref in c.frameworks.get("pci-dss-4.0", ())}
    assert [r.id for r in pci.requirements if r.id not in mapped] == []


def test_manual_controls_say_what_to_attest_and_have_no_checks() -> None:
    manual = [c for c in LIBRARY.values() if c.manual is not None]
    assert len(manual) >= 15
    for control in manual:
        assert control.checks == (), control.id
        assert control.manual.startswith("Attest "), control.id


def test_every_control_is_checked_natively_in_terraform_and_aws_unless_one_cannot_show_it() -> None:
    for control in LIBRARY.values():
        sources = {check.source for check in control.checks}
        if sources & {"db"} or not control.checks:
            continue
        assert "terraform" in sources or control.id in AWS_ONLY, f"{control.id}: no terraform check"
        assert "aws" in sources or control.id in TERRAFORM_ONLY, f"{control.id}: no aws check"
    for listed in (AWS_ONLY, TERRAFORM_ONLY):
        for control_id in listed:
            assert control_id in LIBRARY


def test_every_aws_resource_type_a_control_checks_is_collected() -> None:
    from adapters.aws.registry import COLLECTORS

    collected = {kind for collector in COLLECTORS for kind in collector.resource_types}
    for control in LIBRARY.values():
        for check in control.checks_for(["aws"]):
            missing = set(check.resource_types) - collected
            assert not missing, f"{control.id}: no collector gathers {sorted(missing)}"
