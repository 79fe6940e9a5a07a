"""Nothing secret in any output of a live scan: canaries planted in ECS task definitions on
moto's server appear in no report format, no HTML and no file of an evidence bundle.

Every canary is fake, made up for these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.cli.main import main
from checker.formats import FORMATS
from tests.adapters.aws.conftest import REGIONS, reset, session_factory
from tests.browser import browser
from tests.conftest import report_text

CANARIES = {
    "DB_PASS": "canary-aws-ecs-dbpass-4Gt1",
    "STRIPE_KEY": "canary-aws-ecs-stripekey-8Pz3",
    "DB_PASSWORD": "canary-aws-ecs-password-2Lm6",
    "UPSTREAM": "ghp_CanaryFakeAwsToken0123456789abcdefAB",
    "SESSION": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnktYXdzIn0.Q2FuYXJ5QXdzU2lnbmF0dXJl",
    "OBJECTS": "CanaryFakeSecretAccessKeyOnMoto01234/+ab",
    "DATABASE_URL": "postgresql://app:canary-aws-conn-pass-7Vc2@db.internal/ledger",
}
CONTROL = "pci-8.6.2-ecs-environment-secrets"


@pytest.fixture(scope="module")
def outputs(endpoint: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], Path]:
    """What each report format printed for a scan of the planted task definition, and the
    evidence bundle written by it."""
    reset(endpoint)
    ecs = session_factory()().client("ecs", endpoint_url=endpoint, region_name=REGIONS[0])
    ecs.register_task_definition(
        family="canary-api",
        containerDefinitions=[
            {
                "name": "api",
                "image": "registry.example/api:1",
                "memory": 512,
                "environment": [
                    {"name": "LOG_LEVEL", "value": "info"},
                    *({"name": name, "value": value} for name, value in CANARIES.items()),
                ],
            }
        ],
    )
    scan = ["scan", "aws", "--endpoint-url", endpoint, "--region", REGIONS[0], "--control", CONTROL]
    bundle = tmp_path_factory.mktemp("aws-canaries") / "bundle"
    printed = {}
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("AWS_ACCESS_KEY_ID", "testing")
        environment.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        environment.setenv("AWS_DEFAULT_REGION", REGIONS[0])
        environment.setenv("ASSAYMARK_CHROMIUM", browser())
        for name in sorted(FORMATS):
            output = bundle.parent / f"report.{name}"
            assert main([*scan, "--format", name, "--output", str(output)]) == 1
            printed[name] = report_text(output)
        assert main([*scan, "--format", "json", "--evidence", str(bundle)]) == 1
    return printed, bundle


def leaked(text: str) -> list[str]:
    """The names of the variables whose canary `text` shows."""
    return [name for name, canary in CANARIES.items() if canary in text]


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_no_canary_in_any_report_format(
    outputs: tuple[dict[str, str], Path], format_name: str
) -> None:
    assert leaked(outputs[0][format_name]) == []


def test_no_canary_in_any_file_of_the_bundle(outputs: tuple[dict[str, str], Path]) -> None:
    files = [path for path in outputs[1].rglob("*") if path.is_file()]
    assert any(path.name == "aws.json" for path in files)
    for path in files:
        assert leaked(path.read_text(encoding="utf-8", errors="replace")) == [], path


def test_the_snapshot_keeps_the_environment_readable_but_its_secrets(
    outputs: tuple[dict[str, str], Path],
) -> None:
    (evidence,) = json.loads((outputs[1] / "controls" / CONTROL / "evidence.json").read_text())
    assert evidence["status"] == "fail"  # DB_PASSWORD is named like a secret
    snapshot = json.loads((outputs[1] / "snapshot" / "aws.json").read_text())
    (task,) = [r for r in snapshot["resources"] if r["type"] == "ecs.task_definition"]
    (container,) = task["attributes"]["containerDefinitions"]
    shown = {entry["name"]: entry["value"] for entry in container["environment"]}
    assert shown["LOG_LEVEL"] == "info"
    assert shown["UPSTREAM"] == "ghp_****"
    assert shown["DATABASE_URL"] == "postgresql://app:****@db.internal/ledger"
    assert shown["DB_PASS"] == shown["STRIPE_KEY"] == shown["OBJECTS"] == "****"
