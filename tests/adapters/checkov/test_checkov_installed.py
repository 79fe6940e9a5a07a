"""The real checkov, installed in its own environment as `make test` does (`make checkov`):
its findings under the mapped controls, and assaymark's own environment left intact."""

from __future__ import annotations

import importlib.metadata
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.checkov import CheckovAdapter
from adapters.checkov.install import executable
from checker.library import builtin_policy_dir
from checker.policy import load_controls
from tests.adapters.checkov.test_skips import SKIPS, assert_skips_waive_the_mapped_controls
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
INSECURE = REPO / "examples" / "terraform" / "insecure"
COMPLIANT = REPO / "examples" / "terraform" / "compliant"


@pytest.fixture(scope="module")
def checkov_home() -> Path:
    home = Path(os.environ.get("ASSAYMARK_TEST_CHECKOV_HOME") or REPO / ".venv-checkov")
    if not executable(home).exists():
        pytest.fail(
            f"checkov is not installed at {home}: run `make checkov` "
            "(or `assaymark checkov install --path DIR` and set ASSAYMARK_TEST_CHECKOV_HOME)",
            pytrace=False,
        )
    return home


def test_the_insecure_example_reports_checkov_findings_under_the_mapped_controls(
    run: RunCli, checkov_home: Path
) -> None:
    result = run(
        "scan", "terraform", INSECURE, "--checkov", "--checkov-path", checkov_home,
        "--format", "json",
    )  # fmt: skip
    report = result.json()
    assert result.code == 1, report["errors"]
    assert report["errors"] == []
    assert report["sources"] == ["terraform", "checkov"]
    mapped = {
        control.id
        for control in load_controls([builtin_policy_dir()])
        if control.checks_for(["checkov"])
    }
    checkov_failures = [
        (control["id"], finding)
        for control in report["controls"]
        for finding in control["findings"]
        if finding["source"] == "checkov" and finding["status"] == "fail"
    ]
    assert len(checkov_failures) >= 20
    for control_id, finding in checkov_failures:
        assert control_id in mapped
        assert finding["message"].startswith("checkov CKV")
        assert finding["location"]["file"].startswith("examples/terraform/insecure/")
        assert finding["location"]["line"] >= 1
    by_control = {control["id"]: control for control in report["controls"]}
    rds = by_control["pci-3.5.1-rds-storage-encrypted"]["findings"]
    assert {f["source"] for f in rds} == {"terraform", "checkov"}


def test_the_compliant_example_passes_with_checkov_too(run: RunCli, checkov_home: Path) -> None:
    # Every mapped checkov check agrees with the requirement it stands under: a stack that meets
    # the controls natively is not failed by a stricter reading of checkov's.
    result = run(
        "scan", "terraform", COMPLIANT, "--checkov", "--checkov-path", checkov_home,
        "--format", "json",
    )  # fmt: skip
    report = result.json()
    failing = [
        (control["id"], finding["resource"], finding["message"])
        for control in report["controls"]
        for finding in control["findings"]
        if finding["status"] != "pass"
    ]
    assert (result.code, failing, report["errors"]) == (0, [], [])
    checkov_passes = [
        finding
        for control in report["controls"]
        for finding in control["findings"]
        if finding["source"] == "checkov"
    ]
    assert len(checkov_passes) >= 50


def test_the_project_environment_keeps_python_hcl2_7(checkov_home: Path) -> None:
    # checkov's bc-python-hcl2 installs the same `hcl2` package; it must stay in its own
    # environment, whatever the README's install steps have run.
    assert importlib.metadata.version("python-hcl2").startswith("7.")
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        importlib.metadata.version("bc-python-hcl2")
    import hcl2

    assert Path(hcl2.__file__).resolve().is_relative_to(Path(sys.prefix).resolve())
    tree = hcl2.loads('resource "a" "b" {\n  x = 1\n}\n', with_meta=True)
    assert tree["resource"][0]["a"]["b"]["__start_line__"] == 1
    assert not str(checkov_home.resolve()).startswith(str(Path(sys.prefix).resolve()) + "/")


def test_checkov_skip_comments_waive_the_controls_taking_the_check(checkov_home: Path) -> None:
    # What the recorded skips.json says checkov does: each skip comment a skipped check, with the
    # text after the colon as its suppress comment.
    snapshot = CheckovAdapter([SKIPS], checkov_home).collect()
    assert snapshot.errors == ()
    assert_skips_waive_the_mapped_controls(snapshot)
