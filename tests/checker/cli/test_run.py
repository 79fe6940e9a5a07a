"""`assaymark run --config` and `assaymark export --period`."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from checker.config import parse_config
from checker.errors import UsageError
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
CONFIG = """
terraform:
  paths: [infra]
frameworks: [pci-dss-4.0, gdpr]
allowed_regions: [eu-west-1, eu-central-1, us-east-1]
waivers: waivers.yaml
evidence: bundle
sign_key: team.key
"""
WAIVERS = """
waivers:
  - control: pci-3.5.1-sns-kms
    resource: aws_sns_topic.*
    justification: The topic carries identifiers only, no payment data
    approver: cso@example.com
    ticket: RISK-31
    expires: 2099-12-31
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from checker.evidence.signing import generate_key_pair

    shutil.copytree(REPO / "examples" / "terraform" / "insecure", tmp_path / "infra")
    (tmp_path / "assaymark.yaml").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    generate_key_pair(tmp_path / "team")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_run_applies_the_configuration(run: RunCli, project: Path) -> None:
    result = run("run", "--format", "json")
    report = result.json()
    statuses = {control["id"]: control["status"] for control in report["controls"]}
    assert statuses["gdpr-art44-provider-region"] == "pass"  # us-east-1 allowed in the config
    assert statuses["pci-3.5.1-sns-kms"] == "waived"
    assert report["waivers"][0]["status"] == "applied"
    assert (project / "bundle" / "manifest.sig").is_file()
    assert run("evidence", "replay", project / "bundle", "--key", project / "team.pub").code == 0
    assert result.code == 1


def test_export_writes_a_signed_bundle_for_the_period_and_the_delta(
    run: RunCli, project: Path
) -> None:
    assert run("export", "--period", "2026-Q3").code == 1
    (project / "waivers.yaml").write_text(WAIVERS.replace("2099-12-31", "2020-01-01"))
    assert (
        run("export", "--period", "2026-Q4", "--previous", "assaymark-evidence-2026-Q3").code == 1
    )
    bundle = project / "assaymark-evidence-2026-Q4"
    assert run("evidence", "verify", bundle, "--key", project / "team.pub").code == 0
    delta = json.loads((bundle / "delta.json").read_text())
    assert "pci-3.5.1-sns-kms: waived -> fail" in delta["newly_failing"]
    assert delta["waivers_expired"] and delta["waivers_removed"]


def test_export_needs_a_signing_key_and_a_period(run: RunCli, project: Path) -> None:
    assert run("export", "--period", "last quarter").code == 2
    (project / "assaymark.yaml").write_text(CONFIG.replace("sign_key: team.key\n", ""))
    result = run("export", "--period", "2026-Q4")
    assert result.code == 2
    assert "export signs its bundle" in result.err


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "terraform: {paths: [x]}\ndatabases: [{dsn: 'postgresql://app:hunter2@db/x'}]\n",
            "a password is written in the file",
        ),
        ("databases: [{dsn_env: DB, dsn: 'mysql://app@db/x'}]\n", "give either dsn_env or dsn"),
        ("databases: [{dsn_env: DB, sample: -1}]\n", "expected a number of rows"),
        ("databases: [{dsn_env: DB, port: 5432}]\n", "unknown setting(s) port"),
        ("aws: {accounts: [{aws_secret_access_key: x}]}\n", "give profile, role_arn"),
        ("frameworks: [gdpr]\n", "no source is configured"),
        ("terraform: {paths: [x]}\nthreads: 4\n", "unknown setting(s) threads"),
    ],
)
def test_bad_configurations_are_refused_with_a_clear_message(text: str, message: str) -> None:
    import yaml

    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_config(yaml.safe_load(text), Path("assaymark.yaml"))


def test_a_missing_configuration_is_a_usage_error(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("run")
    assert result.code == 2
    assert "assaymark.yaml" in result.err
