"""Native parity: the controls that once relied on checkov alone fail a violating stack with
no checkov at all, in Terraform and against an AWS account (moto's server on loopback)."""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adapters.aws import Account, AwsAdapter
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Status
from checker.policy import load_controls
from tests.adapters.aws.conftest import REGIONS, reset, session_factory
from tests.conftest import DATA, Run

RunCli = Callable[..., Run]

# The controls that had no native check: each must now fail natively where it is violated.
ONCE_CHECKOV_ONLY = (
    "gdpr-art32-data-store-backups",
    "pci-1.4.2-eks-endpoint-not-public",
    "pci-1.4.4-data-stores-not-public",
    "pci-1.4.4-no-public-resource-policies",
    "pci-10.2.1-api-gateway-access-logging",
    "pci-10.2.1-container-admin-logging",
    "pci-10.2.1-data-store-audit-logging",
    "pci-10.2.1-edge-access-logging",
    "pci-2.2.7-session-manager-encryption-logging",
    "pci-3.5.1-backup-encryption",
    "pci-3.5.1-docdb-neptune-encryption",
    "pci-3.5.1-opensearch-encryption",
    "pci-3.5.1-redshift-encryption",
    "pci-3.5.1-stream-encryption",
    "pci-4.2.1-api-gateway-tls",
    "pci-4.2.1-cloudfront-tls",
    "pci-4.2.1-data-store-tls",
    "pci-4.2.1-opensearch-tls",
    "pci-4.2.1-transfer-secure-protocols",
    "pci-6.3.1-ecr-image-scanning",
    "pci-6.4.2-waf-logging",
    "pci-6.4.2-waf-public-apps",
    "pci-7.2.1-iam-no-privilege-escalation",
    "pci-8.3.2-eks-secrets-encryption",
    "pci-8.3.2-ssm-parameter-encryption",
    "pci-8.6.2-lambda-environment-secrets",
)
# The controls that were checked in AWS but not in Terraform.
ONCE_AWS_ONLY = (
    "pci-10.2.1-cloudtrail-logging",
    "pci-11.5.1-guardduty-enabled",
    "pci-11.5.2-config-recorder",
    "pci-4.2.1-rds-force-ssl",
)
TERRAFORM_PARITY = ONCE_CHECKOV_ONLY + ONCE_AWS_ONLY
# The tests of each AWS collector seed moto with compliant (`good`) and non-compliant (`bad`)
# resources of their service, through their module's `seed(client)` function.
COLLECTOR_TESTS = Path(__file__).parent.parent / "adapters" / "aws" / "collectors"


def seeds() -> list[Callable[[Callable[[str], Any]], None]]:
    """Every collector test module's `seed`."""
    found = []
    for path in sorted(COLLECTOR_TESTS.glob("test_*.py")):
        module = importlib.import_module(f"tests.adapters.aws.collectors.{path.stem}")
        if hasattr(module, "seed"):
            found.append(module.seed)
    return found


def test_a_native_terraform_scan_fails_every_control_on_a_stack_violating_it(
    run: RunCli, tmp_path: Path
) -> None:
    for control_id in TERRAFORM_PARITY:
        shutil.copytree(DATA / "controls" / control_id / "fail", tmp_path / control_id)
    report = run("scan", "terraform", tmp_path, "--format", "json").json()
    statuses = {control["id"]: control["status"] for control in report["controls"]}
    assert {c: statuses.get(c) for c in TERRAFORM_PARITY} == dict.fromkeys(TERRAFORM_PARITY, "fail")
    assert "checkov" not in report.get("sources", [])


def test_a_native_aws_scan_fails_every_control_on_an_account_violating_it(endpoint: str) -> None:
    reset(endpoint)
    session = session_factory()()

    def client(service: str) -> Any:
        return session.client(service, region_name=REGIONS[0], endpoint_url=endpoint)

    for seed in seeds():
        seed(client)
    adapter = AwsAdapter((Account(),), REGIONS[:1], endpoint, session_factory=session_factory())
    snapshot = adapter.collect()
    report = evaluate(load_controls([builtin_policy_dir()]), [snapshot])
    # A seed names its resources `good` and `bad`; those whose ARN is generated, in their
    # comment or Name tag.
    named = {
        resource.address: f"{resource.address} {comment_of(resource.attributes)} {resource.tags}"
        for resource in snapshot.resources
    }
    results = {result.control.id: result for result in report.results}
    for control_id in ONCE_CHECKOV_ONLY:
        findings = results[control_id].findings
        # Each collector's own tests hold its `good` resources to a pass; another service's
        # `good` resource may well break a control it was not written for.
        bad = {f.status for f in findings if "bad" in named.get(f.resource, f.resource)}
        assert Status.FAIL in bad, (control_id, [(f.resource, f.status) for f in findings])


def comment_of(attributes: Any) -> str:
    """A CloudFront distribution's comment, where its seed names it."""
    config = attributes.get("DistributionConfig") if isinstance(attributes, dict) else None
    return str(config.get("Comment", "")) if isinstance(config, dict) else ""
