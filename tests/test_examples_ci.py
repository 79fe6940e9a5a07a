"""The CI examples and the audit configuration shipped in examples/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, Run

EXAMPLES = REPO / "examples"


def test_the_github_workflow_uploads_sarif_and_lets_the_exit_code_gate() -> None:
    workflow = yaml.safe_load((EXAMPLES / "ci" / "github-actions.yml").read_text())
    steps = workflow["jobs"]["assaymark"]["steps"]
    scan = next(step for step in steps if "assaymark scan" in step.get("run", ""))
    assert "--format sarif" in scan["run"]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["if"] == "always()"
    assert workflow["jobs"]["assaymark"]["permissions"]["security-events"] == "write"


def test_the_gitlab_job_publishes_junit() -> None:
    job = yaml.safe_load((EXAMPLES / "ci" / "gitlab-ci.yml").read_text())["assaymark"]
    assert job["artifacts"]["reports"]["junit"] == "assaymark-junit.xml"
    assert any("--format junit" in line for line in job["script"])


def test_the_audit_configuration_exports_a_verifiable_bundle(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.evidence.signing import generate_key_pair

    config = tmp_path / "audit" / "assaymark.yaml"
    config.parent.mkdir()
    for name in ("assaymark.yaml", "waivers.yaml"):
        (config.parent / name).write_text((EXAMPLES / "audit" / name).read_text())
    text = config.read_text().replace(
        "../terraform/compliant", str(EXAMPLES / "terraform" / "compliant")
    )
    config.write_text(text)
    generate_key_pair(config.parent / "assaymark-signing")
    monkeypatch.chdir(tmp_path)
    assert run("export", "--period", "2026-Q4", "--config", config).code == 0
    bundle = tmp_path / "assaymark-evidence-2026-Q4"
    verified = run("evidence", "verify", bundle, "--key", config.parent / "assaymark-signing.pub")
    assert verified.code == 0, verified.out
    assert run("evidence", "replay", bundle).code == 0
