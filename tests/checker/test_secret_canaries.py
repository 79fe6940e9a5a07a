"""Nothing secret in any output: canaries planted in Terraform and a plan appear in no report
format, no HTML and no file of an evidence bundle.

Every canary is fake, made up for these tests (see tests/data/terraform/secrets-canaries).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from checker.formats import FORMATS
from tests.browser import browser
from tests.conftest import DATA, Run, report_text

RunCli = Callable[..., Run]
FIXTURE = DATA / "terraform" / "secrets-canaries"
PLAN = DATA / "terraform" / "secrets-canaries-plan"
SCANS: dict[str, tuple[str | Path, ...]] = {
    "configuration": (FIXTURE,),
    "plan": (PLAN, "--plan", PLAN / "plan.json"),
}
# What must never show, by what it is: whole values, and distinctive parts of those that a
# mask could leave half-shown (the middle of a key's body, a JWT's payload and signature).
CANARIES = {
    "user data password": "canary-pgpassword-5Tq9",
    "user data DB_PASS": "canary-userdata-dbpass-3Fh7",
    "user data --password": "canary-userdata-flagpass-8Mn1",
    "bearer token": "canaryBearerToken0123456789abcdef",
    "AWS secret key in user data": "CanaryFakeSecretAccessKey0123456789/+abc",
    "PEM body, first line": "canaryFAKEpemBODYlineONE",
    "PEM body, middle line": "Q0FOQVJZLVBFTS1CT0RZLUxJTkUtVFdP",
    "PEM body, last line": "cXVpdGVmYWtlY2FuYXJ5cGVtYm9ke",
    "PEM body in a quoted string": "canaryFAKEpkcs8BODYline",
    "card with dashes": "4012-8888-8888-1881",
    "card with spaces": "5555 5555 5555 4444",
    "connection string password": "canary-conn-pass-2Wz6",
    "Lambda DB_PASS": "canary-lambda-dbpass-6Rt3",
    "Lambda STRIPE_KEY": "canary-lambda-stripekey-1Yu5",
    "GitHub token": "CanaryFakeToken0123456789abcdef",
    "JWT payload": "eyJzdWIiOiJjYW5hcnktand0",
    "JWT signature": "Q2FuYXJ5RmFrZVNpZ25hdHVyZ",
    "Stripe key": "CanaryFakeStripe0123456789abcd",
    "bare AWS secret key": "CanaryFakeSecretAccessKeyLambda0123456/+",
    "Lambda connection string password": "canary-lambda-conn-pass-9Kq1",
    "ECS DB_PASS": "canary-ecs-dbpass-2Hj8",
    "ECS STRIPE_KEY": "canary-ecs-stripekey-5Nv3",
    "Slack token": "CanaryFakeSlackToken0",
    "SSM parameter value": "canary-ssm-parameter-value-8Lp0",
    "sensitive variable": "canary-sensitive-variable-7Qx2",
    "token in a local": "canary-local-token-9Vb4",
    "sensitive module output": "canary-module-output-4Kd8",
    "plan sensitive tag": "canary-plan-sensitive-tag-3Jr5",
    "plan SSM value": "canary-plan-ssm-value-6Wd2",
    "plan password": "canary-plan-db-password-1Mx7",
}


# The card numbers above as a mask that dropped their separators would leave them.
DIGITS = {"card digits": "4012888888881881", "other card digits": "5555555555554444"}


def leaked(text: str) -> list[str]:
    """The kinds of canary that `text` shows."""
    return [kind for kind, canary in {**CANARIES, **DIGITS}.items() if canary in text]


def test_the_canaries_are_planted_where_the_scan_reads_them() -> None:
    written = "".join(path.read_text() for path in [*FIXTURE.rglob("*.tf"), PLAN / "plan.json"])
    assert leaked(written) == list(CANARIES)


@pytest.mark.parametrize("scan", sorted(SCANS))
@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_no_canary_in_any_report_format(
    run: RunCli, scan: str, format_name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not FORMATS[format_name].binary:
        result = run("scan", "terraform", *SCANS[scan], "--format", format_name)
        assert result.code == 1, result.err
        assert leaked(result.out + result.err) == []
        return
    monkeypatch.setenv("ASSAYMARK_CHROMIUM", browser())
    written = tmp_path / f"report.{format_name}"
    result = run("scan", "terraform", *SCANS[scan], "--format", f"{format_name}:{written}")
    assert result.code == 1, result.err
    assert leaked(report_text(written) + result.err) == []


def test_the_html_report_shows_the_evidence_masked(run: RunCli) -> None:
    html = run("scan", "terraform", FIXTURE, "--format", "html").out
    assert "export PGPASSWORD=****" in html  # the failing user data check shows its evidence
    assert "Authorization: Bearer ****" in html
    assert "-----BEGIN RSA PRIVATE KEY----- ****" in html


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from checker.cli.main import main

    folder = tmp_path_factory.mktemp("canary-bundles")
    for scan, arguments in SCANS.items():
        main(["scan", "terraform", *map(str, arguments), "--evidence", str(folder / scan)])
    return {scan: folder / scan for scan in SCANS}


@pytest.mark.parametrize("scan", sorted(SCANS))
def test_no_canary_in_any_file_of_the_bundle(bundles: dict[str, Path], scan: str) -> None:
    files = [path for path in bundles[scan].rglob("*") if path.is_file()]
    assert {"report.json", "report.html", "oscal-assessment-results.json"} <= {
        path.name for path in files
    }
    assert any(path.parent.name == "snapshot" for path in files)
    for path in files:
        assert leaked(path.read_text(encoding="utf-8", errors="replace")) == [], path


def evidence_of(bundle: Path, control: str, resource: str) -> dict[str, Any]:
    """What a bundle's evidence file of a control says about one resource."""
    evidence = json.loads((bundle / "controls" / control / "evidence.json").read_text())
    found: dict[str, Any] = next(item for item in evidence if item["resource"] == resource)
    return found


def test_source_excerpts_mask_a_private_key_line_by_line(bundles: dict[str, Path]) -> None:
    batch = evidence_of(
        bundles["configuration"], "pci-8.6.2-user-data-secrets", "aws_instance.batch"
    )
    lines = list(batch["excerpt"]["lines"].values())
    begin = lines.index("    -----BEGIN RSA PRIVATE KEY----- ****")
    body = ["    ****", "    ****", "    ****", "    -----END RSA PRIVATE KEY-----"]
    assert lines[begin + 1 : begin + 5] == body
    assert "    mysql --user=root --password '****' ledger" in lines


def test_the_imdsv2_evidence_keeps_http_tokens_readable(bundles: dict[str, Path]) -> None:
    batch = evidence_of(bundles["configuration"], "pci-2.2.6-ec2-imdsv2", "aws_instance.batch")
    assert batch["status"] == "fail"
    assert batch["observed"]["aws_instance.batch:metadata_options.http_tokens"] == ["optional"]
    assert '    http_tokens   = "optional"' in batch["excerpt"]["lines"].values()


def test_masked_values_keep_what_is_not_secret(bundles: dict[str, Path]) -> None:
    snapshot = json.loads((bundles["configuration"] / "snapshot" / "terraform.json").read_text())
    resources = {resource["address"]: resource for resource in snapshot["resources"]}
    assert resources["aws_s3_bucket.statements"]["tags"] == {
        "DataClassification": "cardholder",
        "Release": "****",
        "Marker": "build-****",
        "Vault": "****",
    }
    variables = resources["aws_lambda_function.payouts"]["attributes"]["environment"][0]
    assert variables["variables"]["LOG_LEVEL"] == "info"
    assert variables["variables"]["REGION_NAME"] == "eu-west-1"
    assert variables["variables"]["UPSTREAM"] == "ghp_****"
