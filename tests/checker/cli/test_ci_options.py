"""The options a CI job sets: --soft-fail, --fail-on, --skip-control, --skip-path, and the
report's `settings` that records them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO, Run

RunCli = Callable[..., Run]
INSECURE = REPO / "examples" / "terraform" / "insecure"
UNRESOLVED = DATA / "terraform" / "unresolved"
POLICIES = DATA / "policies" / "valid"
EXPANSION = DATA / "terraform" / "expansion"


def statuses(result: Run) -> dict[str, str]:
    return {control["id"]: control["status"] for control in result.json()["controls"]}


def test_soft_fail_exits_0_on_failures_but_not_on_errors(run: RunCli) -> None:
    soft = run("scan", "terraform", INSECURE, "--soft-fail", "--quiet")
    assert soft.code == 0
    assert "exit 0 as --soft-fail asks" in soft.err
    assert run("scan", "terraform", UNRESOLVED, "--soft-fail", "--quiet").code == 3
    both = run("scan", "terraform", UNRESOLVED, "--soft-fail", "--soft-fail-on-error", "--quiet")
    assert both.code == 0


def test_soft_fail_on_error_alone_still_fails_on_failures(run: RunCli, tmp_path: Path) -> None:
    mixed = tmp_path / "mixed"
    shutil.copytree(UNRESOLVED, mixed / "unresolved")
    shutil.copytree(INSECURE, mixed / "insecure")
    assert run("scan", "terraform", mixed, "--quiet").code == 3
    assert run("scan", "terraform", mixed, "--soft-fail-on-error", "--quiet").code == 1


def test_fail_on_counts_only_failing_controls_at_or_above_it(run: RunCli) -> None:
    # test-s3-versioning is of medium severity and fails on this stack.
    scan = (
        "scan",
        "terraform",
        EXPANSION,
        "--policies",
        POLICIES,
        "--control",
        "test-s3-versioning",
    )
    assert run(*scan, "--fail-on", "medium", "--quiet").code == 1
    assert run(*scan, "--fail-on", "low", "--quiet").code == 1
    high = run(*scan, "--fail-on", "high", "--format", "json")
    assert high.code == 0
    assert statuses(high) == {"test-s3-versioning": "fail"}  # still reported
    assert "1 failing control(s) below --fail-on high not counted" in high.err
    bad = run(*scan, "--fail-on", "severe")
    assert bad.code == 2
    assert "Invalid value for '--fail-on'" in bad.err


def test_skip_control_leaves_it_out_and_an_unknown_id_is_refused(run: RunCli) -> None:
    skipped = run(
        "scan", "terraform", INSECURE, "--skip-control", "pci-1.4.4-rds-not-public",
        "--skip-control", "pci-3.5.1-rds-storage-encrypted", "--format", "json",
    )  # fmt: skip
    assert skipped.code == 1
    ids = statuses(skipped)
    assert "pci-1.4.4-rds-not-public" not in ids
    assert "pci-3.5.1-rds-storage-encrypted" not in ids
    assert "pci-10.3.2-log-group-kms" in ids
    assert skipped.json()["settings"]["skip_control"] == [
        "pci-1.4.4-rds-not-public",
        "pci-3.5.1-rds-storage-encrypted",
    ]
    unknown = run("scan", "terraform", INSECURE, "--skip-control", "pci-no-such")
    assert unknown.code == 2
    assert "--skip-control pci-no-such: no such control" in unknown.err
    both = run(
        "scan", "terraform", INSECURE,
        "--control", "pci-1.4.4-rds-not-public", "--skip-control", "pci-1.4.4-rds-not-public",
    )  # fmt: skip
    assert both.code == 2
    assert "also asked for with --control" in both.err


@pytest.mark.parametrize("glob", ["modules/**", "**/s3_bucket/**", "modules", "*/s3_bucket/*.tf"])
def test_skip_path_leaves_out_resources_in_matching_files(run: RunCli, glob: str) -> None:
    def files(result: Run) -> set[str]:
        return {
            finding["location"]["file"]
            for control in result.json()["controls"]
            for finding in control["findings"]
        }

    module_file = "examples/terraform/insecure/modules/s3_bucket/main.tf"
    assert module_file in files(run("scan", "terraform", INSECURE, "--format", "json"))
    skipped = run("scan", "terraform", INSECURE, "--skip-path", glob, "--format", "json")
    assert module_file not in files(skipped)
    assert "examples/terraform/insecure/data.tf" in files(skipped)
    assert f"--skip-path {glob}: left out" in skipped.err
    assert skipped.json()["settings"]["skip_path"] == [glob]
    # What refers to a resource left out cannot be decided: fail closed, never a pass.
    assert skipped.code == 3
    replication = next(
        finding
        for control in skipped.json()["controls"]
        for finding in control["findings"]
        if finding["resource"] == "aws_s3_bucket_replication_configuration.statements"
    )
    assert replication["status"] == "error"
    assert "module.statements_replica.aws_s3_bucket.this.arn" in replication["message"]


def test_skip_path_is_also_relative_to_the_working_folder(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(INSECURE, tmp_path / "infra")
    shutil.copytree(UNRESOLVED, tmp_path / "infra" / "tests" / "fixtures")
    monkeypatch.chdir(tmp_path)
    assert run("scan", "terraform", "infra", "--quiet").code == 3
    for glob in ("infra/tests/**", "tests/**", "**/fixtures/**"):
        result = run("scan", "terraform", "infra", "--skip-path", glob, "--format", "json")
        assert result.code == 1, (glob, result.err)  # the error's file and resources are left out
        assert result.json()["errors"] == []


def test_skip_path_refuses_to_leave_out_everything(run: RunCli) -> None:
    result = run("scan", "terraform", INSECURE, "--skip-path", "**")
    assert result.code == 2
    assert "leaves out every one of the" in result.err
    assert result.out == ""


def test_settings_record_the_options_of_the_run(run: RunCli, tmp_path: Path) -> None:
    sarif = f"sarif:{tmp_path / 'r.sarif'}"
    result = run(
        "scan", "terraform", INSECURE, "--format", "json", "--format", sarif,
        "--fail-on", "high", "--soft-fail", "--max-results", "5", "--compact",
    )  # fmt: skip
    settings = result.json()["settings"]
    assert settings["format"] == ["json", sarif]
    assert settings["fail_on"] == "high"
    assert settings["soft_fail"] is True
    assert settings["soft_fail_on_error"] is False
    assert settings["max_results"] == 5
    assert settings["compact"] is True
    assert "file" not in settings  # no configuration file was read
    assert "baseline" not in settings  # optional keys are left out, not null


def test_run_takes_the_ci_options_too(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(INSECURE, tmp_path / "infra")
    (tmp_path / "assaymark.yaml").write_text("terraform: {paths: [infra]}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(
        "run", "--soft-fail", "--skip-control", "pci-1.4.4-rds-not-public", "--format", "json"
    )
    assert result.code == 0
    assert "pci-1.4.4-rds-not-public" not in statuses(result)
    settings = result.json()["settings"]
    assert settings["file"] == "assaymark.yaml"
    assert settings["from_file"] == []
