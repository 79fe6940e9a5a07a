"""The CI examples and the audit configuration shipped in examples/."""

from __future__ import annotations

import json
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, Run
from tests.installing import INSECURE, Clone, clean_environment, command, copy_tree

EXAMPLES = REPO / "examples"


CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def workflow_steps() -> list[dict[str, Any]]:
    workflow = yaml.safe_load((EXAMPLES / "ci" / "github-actions.yml").read_text())
    steps: list[dict[str, Any]] = workflow["jobs"]["assaymark"]["steps"]
    return steps


@pytest.mark.parametrize(
    ("schema", "name"),
    [("vendor.github-workflows", "github-actions.yml"), ("vendor.gitlab-ci", "gitlab-ci.yml")],
)
def test_the_ci_examples_validate_against_their_schemas(
    schema: str, name: str, tmp_path: Path
) -> None:
    checked = command([CHECK_JSONSCHEMA, "--builtin-schema", schema, EXAMPLES / "ci" / name], REPO)
    assert checked.code == 0, checked.text
    broken = tmp_path / name  # the schemas do refuse a broken file
    broken.write_text(
        (EXAMPLES / "ci" / name)
        .read_text()
        .replace("script:", "scripts:", 1)
        .replace("runs-on:", "runs_on:", 1)
    )
    assert command([CHECK_JSONSCHEMA, "--builtin-schema", schema, broken], REPO).code == 1


def test_the_github_workflow_uploads_sarif_and_lets_the_exit_code_gate() -> None:
    workflow = yaml.safe_load((EXAMPLES / "ci" / "github-actions.yml").read_text())
    steps = workflow_steps()
    (scan,) = (step for step in steps if step.get("uses", "").endswith("/assaymark@COMMIT_SHA"))
    assert scan["with"]["format"] == "sarif"
    (upload,) = (step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert upload["if"] == "always()"
    assert upload["with"]["sarif_file"] == scan["with"]["output"]
    assert workflow["jobs"]["assaymark"]["permissions"]["security-events"] == "write"


def test_the_github_workflow_pins_third_party_actions_by_commit_sha() -> None:
    others = [step["uses"] for step in workflow_steps() if "uses" in step]
    others = [name for name in others if not name.endswith("/assaymark@COMMIT_SHA")]
    assert len(others) == 3
    assert all(PINNED.match(name) for name in others), others


def gitlab_job() -> dict[str, Any]:
    job: dict[str, Any] = yaml.safe_load((EXAMPLES / "ci" / "gitlab-ci.yml").read_text())[
        "assaymark"
    ]
    return job


def test_the_gitlab_job_installs_a_pinned_commit_from_the_repository() -> None:
    job = gitlab_job()
    assert job["variables"]["ASSAYMARK_REF"] == "COMMIT_SHA"
    installs = [line for line in job["script"] if "pip install" in line]
    assert installs == [
        '/tmp/assaymark/bin/pip install --quiet "git+${ASSAYMARK_GIT_URL}@${ASSAYMARK_REF}"'
    ]
    assert job["artifacts"]["reports"]["junit"] == "assaymark-junit.xml"
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality.json"


@pytest.mark.slow
def test_the_gitlab_job_script_runs_and_publishes_junit(clone: Clone, tmp_path: Path) -> None:
    """The job's script lines, run in order as GitLab's shell runs them, the variables set."""
    job = gitlab_job()
    project = tmp_path / "project"
    copy_tree(INSECURE, project / "infra")
    venv = tmp_path / "assaymark-venv"
    env = clean_environment(ASSAYMARK_GIT_URL=clone.url, ASSAYMARK_REF=clone.sha)
    codes = []
    for line in job["script"]:
        codes.append(
            command(["bash", "-c", line.replace("/tmp/assaymark", str(venv))], project, env)
        )
    assert [ran.code for ran in codes[:-1]] == [0] * (len(codes) - 1), codes[-2].text[-3000:]
    assert codes[-1].code == 1, codes[-1].text[-3000:]
    junit = (project / job["artifacts"]["reports"]["junit"]).read_text(encoding="utf-8")
    assert "pci-3.5.1-rds-storage-encrypted" in junit
    quality = json.loads((project / job["artifacts"]["reports"]["codequality"]).read_text())
    assert "pci-3.5.1-rds-storage-encrypted" in {issue["check_name"] for issue in quality}
    assert all(issue["location"]["path"].startswith("infra/") for issue in quality)
    assert "FAIL  pci-3.5.1-rds-storage-encrypted" in codes[-1].out


def test_the_audit_configuration_exports_a_verifiable_bundle(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.evidence.signing import generate_key_pair

    config = tmp_path / "audit" / "assaymark.yaml"
    config.parent.mkdir()
    for name in ("assaymark.yaml", "waivers.yaml", "attestations.yaml"):
        (config.parent / name).write_text((EXAMPLES / "audit" / name).read_text())
    shutil.copytree(EXAMPLES / "audit" / "evidence", config.parent / "evidence")
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
    assert (
        run("evidence", "replay", bundle, "--key", config.parent / "assaymark-signing.pub").code
        == 0
    )
    # Every requirement has a verdict, and the attested evidence is in the signed manifest.
    report = json.loads((bundle / "report.json").read_text("utf-8"))
    pci = [r for r in report["requirements"] if r["framework"] == "pci-dss-4.0"]
    assert len(pci) == report["coverage"]["pci-dss-4.0"]["total"] == 250
    assert report["coverage"]["pci-dss-4.0"]["automated"] > 0
    manifest = json.loads((bundle / "manifest.json").read_text("utf-8"))
    plan = "attestations/pci-12.10.1-incident-response-plan/incident-response-plan-v7.md"
    assert plan in manifest["files"]
