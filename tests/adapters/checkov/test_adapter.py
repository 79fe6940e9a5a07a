"""checkov as a source, with a stand-in executable: results, failures, and running beside the
native scan. The real checkov is exercised in test_checkov_installed.py."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from adapters.checkov import CheckovAdapter, with_native_tags
from adapters.terraform import TerraformAdapter
from checker.models import Snapshot, Unresolved
from checker.policy import CHECKOV_UNAVAILABLE
from tests.conftest import DATA, Run

RunCli = Callable[..., Run]
FAKE = DATA / "checkov" / "fake"
TERRAFORM = DATA / "checkov" / "tf"
POLICIES = DATA / "policies" / "checkov"


def scan(run: RunCli, home: Path, *extra: str | Path) -> Run:
    return run(
        "scan", "terraform", TERRAFORM, "--checkov", "--checkov-path", home,
        "--policies", POLICIES, "--control", "test-rds-encrypted-both",
        "--control", "test-kms-rotation-checkov", "--format", "json", *extra,
    )  # fmt: skip


def findings(result: Run) -> dict[tuple[str, str, str], dict[str, Any]]:
    return {
        (control["id"], finding["source"], finding["resource"]): finding
        for control in result.json()["controls"]
        for finding in control["findings"]
    }


def test_results_become_resources_located_at_checkovs_file_and_line() -> None:
    snapshot = CheckovAdapter([TERRAFORM], FAKE).collect()
    assert snapshot.errors == ()
    assert snapshot.metadata["checkov_version"] == "3.3.30"
    rds = [r for r in snapshot.resources if r.type == "CKV_AWS_16"]
    assert [(r.address, r.attributes["result"]) for r in rds] == [
        ("aws_db_instance.ledger", "failed")
    ]
    shown = "tests/data/checkov/tf/main.tf"
    assert (rds[0].location.file, rds[0].location.line, rds[0].location.end_line) == (shown, 5, 12)
    assert rds[0].attributes["check_name"]


def test_a_control_combines_native_and_checkov_verdicts(run: RunCli) -> None:
    result = scan(run, FAKE)
    assert result.code == 1, result.err
    found = findings(result)
    native = found[("test-rds-encrypted-both", "terraform", "aws_db_instance.ledger")]
    checkov = found[("test-rds-encrypted-both", "checkov", "aws_db_instance.ledger")]
    assert native["status"] == checkov["status"] == "fail"
    assert checkov["message"].startswith("checkov CKV_AWS_16 fails")
    assert checkov["location"]["file"] == native["location"]["file"]
    assert checkov["location"]["line"] == 5
    rotation = found[("test-kms-rotation-checkov", "checkov", "aws_kms_key.data")]
    assert rotation["status"] == "pass"


def test_without_checkov_its_checks_are_errors_naming_how_to_install_it(
    run: RunCli, tmp_path: Path
) -> None:
    result = scan(run, tmp_path / "nowhere")
    report = result.json()
    assert result.code == 3
    statuses = {c["id"]: c["status"] for c in report["controls"]}
    assert statuses == {"test-rds-encrypted-both": "error", "test-kms-rotation-checkov": "error"}
    (error,) = report["errors"]
    assert "assaymark checkov install" in error["message"]
    found = findings(result)
    assert found[("test-rds-encrypted-both", "terraform", "aws_db_instance.ledger")]["status"] == (
        "fail"
    )


def test_checkov_is_not_run_unless_asked_and_its_controls_need_it(run: RunCli) -> None:
    result = run(
        "scan", "terraform", TERRAFORM, "--policies", POLICIES,
        "--control", "test-rds-encrypted-both", "--control", "test-kms-rotation-checkov",
        "--format", "json",
    )  # fmt: skip
    # The checkov-only control has nothing to check without checkov: asked for by id, that is
    # a usage error, never a silent omission.
    assert result.code == 2
    assert result.out == ""
    assert "--control test-kms-rotation-checkov: the control has no check for terraform" in (
        result.err
    )
    assert "(it checks: checkov; add --checkov)" in result.err
    alone = run(
        "scan", "terraform", TERRAFORM, "--policies", POLICIES,
        "--control", "test-rds-encrypted-both", "--format", "json",
    )  # fmt: skip
    assert alone.json()["sources"] == ["terraform"]
    assert [c["id"] for c in alone.json()["controls"]] == ["test-rds-encrypted-both"]


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("crash", "checkov failed (exit 2): Traceback (most recent call last): RuntimeError"),
        ("garbage", "checkov failed (exit 2): <html>not json</html>"),
    ],
)
def test_a_failing_checkov_is_an_error_not_zero_findings(
    monkeypatch: pytest.MonkeyPatch, mode: str, message: str
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV", mode)
    snapshot = CheckovAdapter([TERRAFORM], FAKE).collect()
    (stand_in,) = snapshot.resources
    assert stand_in.type == CHECKOV_UNAVAILABLE
    assert stand_in.unresolved is not None
    assert message in stand_in.unresolved.reason
    assert [error.message for error in snapshot.errors] == [stand_in.unresolved.reason]


def test_a_file_checkov_could_not_parse_is_an_error_for_its_checks(
    run: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV", "parse-error")
    result = scan(run, FAKE)
    assert result.code == 3
    report = result.json()
    assert "could not parse" in report["errors"][0]["message"]
    assert report["errors"][0]["location"]["file"].endswith("broken.tf")
    statuses = {c["id"]: c["status"] for c in report["controls"]}
    assert statuses["test-kms-rotation-checkov"] == "error"


def test_a_checkov_that_hangs_is_stopped_and_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_CHECKOV_SLEEP", "30")
    started = time.monotonic()
    snapshot = CheckovAdapter([TERRAFORM], FAKE, timeout=1).collect()
    assert time.monotonic() - started < 10
    (error,) = snapshot.errors
    assert "did not finish within 1 s" in error.message


def test_checkov_runs_while_the_native_scan_collects(
    run: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    marker = tmp_path / "started"
    monkeypatch.setenv("FAKE_CHECKOV_STARTED", str(marker))
    monkeypatch.setenv("FAKE_CHECKOV_SLEEP", "1")
    native_done: list[float] = []
    real_collect = TerraformAdapter.collect

    def slow_collect(self: TerraformAdapter) -> Any:
        time.sleep(1.5)  # long enough for checkov, started first, to be running already
        snapshot = real_collect(self)
        native_done.append(time.time())
        return snapshot

    monkeypatch.setattr(TerraformAdapter, "collect", slow_collect)
    result = scan(run, FAKE)
    assert result.code == 1, result.err
    # checkov started before the native collection and had done its second of work (it
    # sleeps, then answers) before the native collection ended: side by side, not after.
    assert float(marker.read_text()) + 1.0 < native_done[0]


def test_run_starts_checkov_when_the_configuration_asks(run: RunCli, tmp_path: Path) -> None:
    config = tmp_path / "assaymark.yaml"
    config.write_text(
        f"terraform: {{paths: [{TERRAFORM}], checkov: true, checkov_path: {FAKE}}}\n"
        f"policies: [{POLICIES}]\n"
        "controls: [test-rds-encrypted-both, test-kms-rotation-checkov]\n"
        "format: json\n",
        encoding="utf-8",
    )
    result = run("run", "--config", config)
    assert result.code == 1, result.err
    report = result.json()
    assert report["sources"] == ["terraform", "checkov"]
    assert {c["id"]: c["status"] for c in report["controls"]} == {
        "test-rds-encrypted-both": "fail",
        "test-kms-rotation-checkov": "pass",
    }


def test_each_folder_gets_a_run_of_its_own(tmp_path: Path) -> None:
    # checkov run with two -d folders reports the second folder's files under the first.
    second = tmp_path / "second"
    second.mkdir()
    (second / "main.tf").write_text((TERRAFORM / "main.tf").read_text(), encoding="utf-8")
    snapshot = CheckovAdapter([TERRAFORM, second], FAKE).collect()
    files = {r.location.file for r in snapshot.resources if r.type == "CKV_AWS_16"}
    assert files == {"tests/data/checkov/tf/main.tf", f"{second.as_posix()}/main.tf"}


def scoped(run: RunCli, folder: Path, home: Path) -> dict[str, Any]:
    report = run(
        "scan", "terraform", folder, "--checkov", "--checkov-path", home, "--policies", POLICIES,
        "--control", "test-s3-public-block-scoped", "--format", "json",
    ).json()  # fmt: skip
    (control,) = report["controls"]
    return control


def test_a_scoped_control_takes_checkovs_verdicts_on_the_resources_in_its_scope(
    run: RunCli, tmp_path: Path
) -> None:
    text = (TERRAFORM / "main.tf").read_text(encoding="utf-8")
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    # The untagged bucket is out of scope, so checkov's failure on it does not count.
    assert scoped(run, tmp_path, FAKE)["status"] == "not_applicable"
    tagged = text.replace(
        'bucket = "pay-statements"',
        'bucket = "pay-statements"\n  tags   = { DataClassification = "cardholder" }',
    )
    (tmp_path / "main.tf").write_text(tagged, encoding="utf-8")
    control = scoped(run, tmp_path, FAKE)
    assert control["status"] == "fail"
    assert [f["resource"] for f in control["findings"]] == ["aws_s3_bucket.statements"]


def test_under_a_scoped_control_missing_checkov_and_unmatched_results_are_errors(
    run: RunCli, tmp_path: Path
) -> None:
    control = scoped(run, TERRAFORM, tmp_path / "nowhere")
    assert control["status"] == "error"
    assert "assaymark checkov install" in control["findings"][0]["message"]
    nothing_read = Snapshot("terraform", (), ())
    tagged = with_native_tags(CheckovAdapter([TERRAFORM], FAKE).collect(), nothing_read)
    assert all(isinstance(resource.tags, Unresolved) for resource in tagged.resources)
