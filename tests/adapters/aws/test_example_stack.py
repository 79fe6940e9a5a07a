"""examples/aws: the insecure stack fails under the right requirements; the compliant passes."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from datetime import date
from types import ModuleType

import pytest
import yaml

from adapters.aws import Account, AwsAdapter
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Status
from checker.policy import load_controls
from checker.results import Report
from checker.waivers import load_waivers
from tests.adapters.aws.conftest import reset, session_factory
from tests.conftest import REPO, Run

EXAMPLE = REPO / "examples" / "aws"
EXPECTED_FAILURES = {
    "pci-3.5.1-s3-kms-encryption": "3.5.1",
    "pci-1.3.1-sg-no-public-db-ports": "1.3.1",
    "pci-1.3.1-sg-no-public-admin-ports": "1.3.1",
    "pci-1.4.4-rds-not-public": "1.4.4",
    "pci-3.5.1-rds-storage-encrypted": "3.5.1",
    "pci-10.5.1-log-retention": "10.5.1",
    "pci-8.3.6-password-length": "8.3.6",
    "pci-10.2.1-cloudtrail-multi-region": "10.2.1",
    "pci-11.5.1-guardduty-enabled": "11.5.1",
    "pci-1.2.1-default-sg-closed": "1.2.1",
    "pci-3.5.1-ebs-default-encryption": "3.5.1",
    "pci-4.2.1-s3-tls-only": "4.2.1",
}


def stack() -> ModuleType:
    spec = importlib.util.spec_from_file_location("example_stack", EXAMPLE / "stack.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scan(endpoint: str, variant: str) -> Report:
    example = stack()
    reset(endpoint)
    example.seed(endpoint, variant)
    adapter = AwsAdapter([Account()], example.REGIONS, endpoint, session_factory=session_factory())
    waivers = load_waivers(EXAMPLE / "moto-waivers.yaml")
    return evaluate(
        load_controls([builtin_policy_dir()]),
        [adapter.collect()],
        waivers=waivers,
        as_of=date(2026, 11, 22),
    )


def test_the_insecure_stack_fails_each_seeded_violation(endpoint: str) -> None:
    report = scan(endpoint, "insecure")
    results = {r.control.id: r for r in report.results}
    for control_id, requirement in EXPECTED_FAILURES.items():
        result = results[control_id]
        assert result.status is Status.FAIL, control_id
        assert requirement in result.control.frameworks["pci-dss-4.0"]
        failing = [f.resource for f in result.findings if f.status is Status.FAIL]
        assert all(r.startswith("arn:aws:") or "/" in r for r in failing), failing


# The controls the emulator cannot answer, and the action moto's server does not implement.
MOTO_GAPS = {
    "gdpr-art32-access-analyzer-active": "access-analyzer:ListAnalyzers",
    "pci-10.7.2-securityhub-enabled": "securityhub:GetEnabledStandards",
    "pci-5.3.4-guardduty-findings-export": "guardduty:ListPublishingDestinations",
    "pci-6.3.3-ssm-patch-compliance": "ssm:DescribeInstanceInformation",
    "pci-1.4.4-snapshots-not-public": "ec2:GetSnapshotBlockPublicAccessState",
    "pci-11.3.1.2-inspector-instance-coverage": "inspector2:ListCoverage",
    "pci-3.4.2-appstream-no-data-relocation": "appstream:DescribeStacks",
}


def test_the_compliant_stack_fails_no_control(
    endpoint: str, run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    report = scan(endpoint, "compliant")
    failing = [r.control.id for r in report.results if r.status is Status.FAIL]
    assert failing == []
    erring = {r.control.id: r for r in report.results if r.status is Status.ERROR}
    assert set(erring) == set(MOTO_GAPS)
    for control_id, result in erring.items():
        errors = [f for f in result.findings if f.status is Status.ERROR]
        assert all(MOTO_GAPS[control_id] in f.message for f in errors), control_id
    # As the README scans it: with the example's settings, nothing fails or errs.
    for name, value in (("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing")):
        monkeypatch.setenv(name, value)
    regions = [argument for region in stack().REGIONS for argument in ("--region", region)]
    settings = EXAMPLE / "moto.assaymark.yaml"
    result = run("scan", "aws", "--config", settings, "--endpoint-url", endpoint, *regions)
    assert result.code == 0, result.out[-2000:]


def test_the_example_settings_leave_out_exactly_what_the_emulator_cannot_answer() -> None:
    settings = yaml.safe_load((EXAMPLE / "moto.assaymark.yaml").read_text("utf-8"))
    assert set(settings["skip-control"]) == set(MOTO_GAPS)
    assert (EXAMPLE / settings["waivers"]).is_file()
