"""`assaymark scan terraform`: the JSON contract, exit codes and clean errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli.main import cli
from tests.conftest import DATA, Run

POLICIES = DATA / "policies" / "valid"
EXPANSION = DATA / "terraform" / "expansion"
RunCli = Callable[..., Run]


def scan(run: RunCli, *args: str | Path) -> Run:
    return run(
        "scan", "terraform", *args, "--policies", POLICIES, "--control", "test-s3-versioning"
    )


def test_json_report_follows_the_contract(run: RunCli) -> None:
    result = scan(run, EXPANSION, "--format", "json")
    report = result.json()
    assert set(report) >= {"tool", "started", "finished", "summary", "controls", "errors"}
    assert report["tool"] == {"name": "assaymark", "version": "0.1.0"}
    assert set(report["summary"]) == {
        "pass",
        "fail",
        "error",
        "waived",
        "baselined",
        "not_applicable",
        "manual",
    }
    (control,) = report["controls"]
    assert control["id"] == "test-s3-versioning"
    assert control["frameworks"] == {"pci-dss-4.0": ["10.3.3"], "gdpr": ["Art.32(1)(c)"]}
    findings = {finding["resource"]: finding for finding in control["findings"]}
    assert findings["aws_s3_bucket.logs[1]"]["status"] == "fail"
    assert findings["aws_s3_bucket.logs[1]"]["location"] == {
        "file": "tests/data/terraform/expansion/main.tf",
        "line": 33,
        "end_line": 37,
    }
    assert findings["module.regional[0].aws_s3_bucket.this"]["status"] == "pass"
    assert result.code == 1


def test_a_var_file_changes_the_verdict(run: RunCli) -> None:
    def logs_0(*extra: str | Path) -> str:
        report = scan(run, EXPANSION, "--format", "json", *extra).json()
        findings = report["controls"][0]["findings"]
        return next(f["status"] for f in findings if f["resource"] == "aws_s3_bucket.logs[0]")

    assert logs_0() == "fail"
    assert logs_0("--var-file", EXPANSION / "versioning-enabled.tfvars") == "pass"


def test_text_output_shows_failures_with_file_and_line(run: RunCli) -> None:
    result = scan(run, EXPANSION)
    assert "FAIL  test-s3-versioning" in result.out
    assert "aws_s3_bucket.logs[1]  tests/data/terraform/expansion/main.tf:33" in result.out
    assert result.out.rstrip().splitlines()[-1].startswith("1 controls: 1 fail")


def test_a_corrupt_file_is_reported_and_the_rest_evaluated_exit_3(run: RunCli) -> None:
    result = scan(run, DATA / "terraform" / "corrupt", "--format", "json")
    report = result.json()
    assert report["controls"][0]["findings"][0]["resource"] == "aws_s3_bucket.kept"
    assert report["errors"][0]["location"] == {
        "file": "tests/data/terraform/corrupt/broken.tf",
        "line": 3,
    }
    assert result.code == 3


def test_a_policy_with_a_schema_error_exits_2_naming_file_and_field(run: RunCli) -> None:
    result = run("scan", "terraform", EXPANSION, "--policies", DATA / "policies" / "invalid")
    assert result.code == 2
    assert "bad-op.yaml:14: control test-bad-op: checks[0].assert.all[1].op" in result.err
    assert "Traceback" not in result.err
    assert result.out == ""


def test_bad_invocations_get_one_clear_message(run: RunCli, tmp_path: Path) -> None:
    missing = run("scan", "terraform", tmp_path / "nowhere")
    assert (missing.code, missing.err.strip()) == (
        2,
        f"assaymark: error: {tmp_path / 'nowhere'}: no such file or folder",
    )
    unknown = run("scan", "terraform", EXPANSION, "--control", "no-such-control")
    assert unknown.code == 2
    assert "no such control: no-such-control" in unknown.err
    framework = run("scan", "terraform", EXPANSION, "--framework", "sox")
    assert framework.code == 2
    assert "unknown framework 'sox'" in framework.err
    option = run("scan", "terraform", EXPANSION, "--format", "yaml")
    assert option.code == 2
    assert "Invalid value for '--format'" in option.err


def test_output_file_gets_the_report_and_stderr_the_summary(run: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    result = scan(run, EXPANSION, "--format", "json", "--output", target)
    assert json.loads(target.read_text(encoding="utf-8"))["summary"]["fail"] == 1
    assert "report written to" in result.err
    assert result.code == 1


def test_an_internal_error_fails_closed_without_a_traceback(
    run: RunCli, monkeypatch: object
) -> None:
    import checker.cli.scan as scan_module

    def explode(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(scan_module, "evaluate", explode)  # type: ignore[attr-defined]
    result = scan(run, EXPANSION)
    assert result.code == 3
    assert "internal error (RuntimeError: boom)" in result.err
    assert "Traceback" not in result.err


def test_click_runner_sees_the_same_exit_codes() -> None:
    runner = CliRunner()
    failing = runner.invoke(
        cli,
        [
            "scan",
            "terraform",
            str(EXPANSION),
            "--policies",
            str(POLICIES),
            "--control",
            "test-s3-versioning",
        ],
    )
    assert failing.exit_code == 1
    bad_policy = runner.invoke(
        cli, ["scan", "terraform", str(EXPANSION), "--policies", str(DATA / "policies" / "invalid")]
    )
    assert bad_policy.exit_code == 2
    assert "bad-severity.yaml:3" in bad_policy.output


def changed_files_repository(tmp_path: Path) -> Path:
    """The focus fixture as a repository of its own, as the working folder's parent."""
    import shutil

    shutil.copytree(DATA / "terraform" / "focus", tmp_path / "repo")
    (tmp_path / "repo" / ".git").mkdir()
    return tmp_path / "repo"


def test_changed_files_are_judged_and_the_roots_named(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(changed_files_repository(tmp_path))
    result = run("scan", "terraform", "modules/store/main.tf", "--format", "json")
    files = {
        finding["location"]["file"]
        for control in result.json()["controls"]
        for finding in control["findings"]
    }
    assert files == {"modules/store/main.tf"}
    assert "with their modules as context, in 1 root module(s): live" in result.err
    whole = run("scan", "terraform", "other/terraform.tfvars", "--format", "json")
    assert "evaluated whole, as a variable file changed or a file is gone" in whole.err
    assert whole.code == 1


def test_a_changed_file_that_does_not_exist_is_refused_unless_its_module_does(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(changed_files_repository(tmp_path))
    mistyped = run("scan", "terraform", "nowhere/mian.tf")
    assert mistyped.code == 2
    assert "nowhere/mian.tf: no such file or folder" in mistyped.err
    deleted = run("scan", "terraform", "live/deleted.tf", "--format", "json")
    assert "evaluated whole" in deleted.err
    assert deleted.json()["controls"]


def test_files_and_folders_are_not_mixed(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "aws_sqs_queue" "q" {}\n')
    result = run("scan", "terraform", tmp_path / "main.tf", tmp_path)
    assert result.code == 2
    assert "give Terraform folders or changed files, not both" in result.err
    other = tmp_path / "notes.txt"
    other.write_text("text\n")
    refused = run("scan", "terraform", other)
    assert refused.code == 2
    assert "not a Terraform file" in refused.err
