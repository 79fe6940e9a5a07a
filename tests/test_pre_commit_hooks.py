"""The hooks in .pre-commit-hooks.yaml: their commands exist and their file patterns fit."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, REPO, Run

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def test_both_hooks_are_declared() -> None:
    assert set(HOOKS) == {"assaymark-terraform", "assaymark-policies"}
    assert all(hook["language"] == "python" for hook in HOOKS.values())


def test_the_terraform_hook_runs_on_terraform_and_tfvars_files_only() -> None:
    pattern = re.compile(HOOKS["assaymark-terraform"]["files"])
    assert pattern.search("infra/payments/main.tf")
    assert pattern.search("infra/prod.tfvars")
    assert not pattern.search("README.md")
    assert HOOKS["assaymark-terraform"]["pass_filenames"] is False


def test_the_terraform_hook_scans_the_repository(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "infra").mkdir()
    source = DATA / "controls" / "pci-1.3.1-sg-no-public-admin-ports" / "fail" / "main.tf"
    (tmp_path / "infra" / "main.tf").write_text(source.read_text(), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(HOOKS["assaymark-terraform"]["entry"])
    assert words[0] == "assaymark"
    result = run(*words[1:])
    assert result.code == 1
    assert "infra/main.tf" in result.out


def test_the_policies_hook_validates_the_files_it_is_given(run: Callable[..., Run]) -> None:
    words = shlex.split(HOOKS["assaymark-policies"]["entry"])
    pattern = re.compile(HOOKS["assaymark-policies"]["files"])
    assert pattern.search("policies/custom-control.yaml")
    assert run(*words[1:], DATA / "policies" / "valid" / "versioning.yaml").code == 0
    assert run(*words[1:], DATA / "policies" / "invalid" / "bad-op.yaml").code == 2


def test_a_terraform_scan_does_not_load_the_aws_sdk_or_database_drivers() -> None:
    import subprocess
    import sys

    folder = str(DATA / "terraform" / "corrupt")
    code = (
        "import sys\nfrom checker.cli.main import main\n"
        f"main(['scan', 'terraform', {folder!r}, '--format', 'json'])\n"
        "print(any(m in sys.modules for m in ('boto3', 'psycopg', 'pymysql')), file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.stderr.strip().splitlines()[-1] == "False"


def test_the_terraform_hook_runs_without_checkov() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    terraform = next(hook for hook in hooks if hook["id"] == "assaymark-terraform")
    assert "checkov" not in terraform["entry"]
