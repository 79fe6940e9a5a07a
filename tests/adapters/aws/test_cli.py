"""`assaymark scan aws` and `assaymark aws policy`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.aws.adapter import least_privilege_policy
from tests.adapters.aws.conftest import REGIONS
from tests.conftest import REPO, Run


def test_scan_aws_over_the_endpoint(
    run: Callable[..., Run], seeded: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGIONS[0])
    result = run(
        "scan",
        "aws",
        "--endpoint-url",
        seeded,
        "--region",
        REGIONS[0],
        "--control",
        "pci-3.5.1-s3-kms-encryption",
        "--format",
        "json",
    )
    statuses = {f["resource"]: f["status"] for f in result.json()["controls"][0]["findings"]}
    assert statuses["arn:aws:s3:::pay-bad-eu-west-1"] == "fail"
    assert statuses["arn:aws:s3:::pay-good-eu-west-1"] == "pass"
    assert result.code == 1


def test_the_shipped_least_privilege_policy_is_current(run: Callable[..., Run]) -> None:
    printed = json.loads(run("aws", "policy").out)
    assert printed == least_privilege_policy()
    shipped = json.loads((REPO / "examples" / "aws" / "iam-policy.json").read_text())
    assert shipped == printed
    actions = printed["Statement"][0]["Action"]
    # API Gateway's reads are all the one action `apigateway:GET`.
    reads = ("List", "Get", "BatchGet", "Describe", "Generate", "GET")
    assert all(a.split(":")[1].startswith(reads) for a in actions)


def test_run_holds_one_control_against_code_and_cloud(
    run: Callable[..., Run], seeded: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGIONS[0])
    config = tmp_path / "assaymark.yaml"
    compliant = REPO / "examples" / "terraform" / "compliant"
    config.write_text(
        f"terraform: {{paths: ['{compliant}']}}\n"
        f"aws: {{regions: [{REGIONS[0]}], endpoint_url: '{seeded}'}}\n",
        encoding="utf-8",
    )
    report = run(
        "run", "--config", config, "--control", "pci-3.5.1-s3-kms-encryption", "--format", "json"
    ).json()
    assert report["sources"] == ["terraform", "aws"]
    sources = {
        f["source"]: f["status"]
        for f in report["controls"][0]["findings"]
        if f["status"] == "fail" or f["source"] == "terraform"
    }
    assert sources == {"terraform": "pass", "aws": "fail"}
