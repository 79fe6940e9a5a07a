"""The hooks in .pre-commit-hooks.yaml: their commands exist and their file patterns fit."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import DATA, REPO, Run
from tests.installing import (
    COMPLIANT,
    INSECURE,
    Clone,
    Ran,
    clean_environment,
    command,
    git_repository,
    must,
    readme_blocks,
    shell_lines,
)

HOOKS = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}


def test_both_hooks_are_declared() -> None:
    assert set(HOOKS) == {"assaymark-terraform", "assaymark-policies"}
    assert all(hook["language"] == "python" for hook in HOOKS.values())


def test_the_terraform_hook_runs_on_terraform_and_tfvars_files_only() -> None:
    pattern = re.compile(HOOKS["assaymark-terraform"]["files"])
    assert pattern.search("infra/payments/main.tf")
    assert pattern.search("infra/prod.tfvars")
    assert pattern.search("infra/main.tf.json")
    assert not pattern.search("README.md")
    assert HOOKS["assaymark-terraform"]["pass_filenames"] is True


def test_the_terraform_hook_judges_the_changed_files_it_is_given(
    run: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "infra").mkdir()
    source = DATA / "controls" / "pci-1.3.1-sg-no-public-admin-ports" / "fail" / "main.tf"
    (tmp_path / "infra" / "main.tf").write_text(source.read_text(), encoding="utf-8")
    (tmp_path / "infra" / "other.tf").write_text(
        'resource "aws_db_instance" "open" {\n  publicly_accessible = true\n}\n'
    )
    monkeypatch.chdir(tmp_path)
    words = shlex.split(HOOKS["assaymark-terraform"]["entry"])
    assert words[0] == "assaymark"
    result = run(*words[1:], "infra/main.tf")
    assert result.code == 1
    assert "infra/main.tf" in result.out
    assert "aws_db_instance.open" not in result.out
    assert (
        "judged the resources of 1 changed file(s), with their modules as context, in "
        "1 root module(s): infra" in result.err
    )
    # Compact: failing findings and the summary, no passing controls.
    assert "PASS" not in result.out


def test_the_policies_hook_validates_the_files_it_is_given(run: Callable[..., Run]) -> None:
    words = shlex.split(HOOKS["assaymark-policies"]["entry"])
    pattern = re.compile(HOOKS["assaymark-policies"]["files"])
    assert pattern.search("policies/custom-control.yaml")
    assert run(*words[1:], DATA / "policies" / "valid" / "versioning.yaml").code == 0
    assert run(*words[1:], DATA / "policies" / "invalid" / "bad-op.yaml").code == 2


def test_a_terraform_scan_does_not_load_the_aws_sdk_or_database_drivers() -> None:
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


# pre-commit itself, as users run it: it installs the hooks' repository with `pip install .`
# into an environment of its own, then runs the hooks' entries from there.

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"


def pre_commit(home: Path, cwd: Path, *args: str | Path) -> Ran:
    """Run the real `pre-commit` with its cache in `home`."""
    return command([PRE_COMMIT, *args], cwd, clean_environment(PRE_COMMIT_HOME=str(home)))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("stack", "code", "shown"),
    [
        (INSECURE, 1, ["- exit code: 1", "FAIL  pci-3.5.1-rds-storage-encrypted"]),
        (COMPLIANT, 0, ["Passed"]),
    ],
    ids=["insecure-blocks", "compliant-passes"],
)
def test_try_repo_runs_the_terraform_hook(
    stack: Path, code: int, shown: list[str], clone: Clone, pre_commit_home: Path, tmp_path: Path
) -> None:
    repo = git_repository(tmp_path / "infra", stack)
    ran = pre_commit(
        pre_commit_home, repo, "try-repo", clone.path, "assaymark-terraform", "--all-files"
    )
    assert ran.code == code, ran.text[-3000:]
    assert all(text in ran.out for text in shown), ran.out[-3000:]
    assert "Traceback" not in ran.text


@pytest.mark.slow
def test_try_repo_refuses_a_bad_control_file_naming_it(
    clone: Clone, pre_commit_home: Path, tmp_path: Path
) -> None:
    repo = git_repository(tmp_path / "controls")
    (repo / "policies").mkdir()
    shutil.copy(DATA / "policies" / "invalid" / "bad-op.yaml", repo / "policies" / "bad-op.yaml")
    shutil.copy(DATA / "policies" / "valid" / "versioning.yaml", repo / "policies" / "good.yaml")
    must(command(["git", "add", "-A"], repo), "git add")
    refused = pre_commit(
        pre_commit_home, repo, "try-repo", clone.path, "assaymark-policies", "--all-files"
    )
    assert refused.code == 1, refused.text[-3000:]
    assert "- exit code: 2" in refused.out
    assert "policies/bad-op.yaml" in refused.out
    assert "policies/good.yaml" not in refused.out
    assert "Traceback" not in refused.text


@pytest.mark.slow
def test_the_readme_configuration_pins_a_sha_and_blocks_an_insecure_commit(
    clone: Clone, pre_commit_home: Path, tmp_path: Path
) -> None:
    """The README's snippet and commands, as written, with its URL pointing at the clone."""
    (config_block, commands_block) = (body for _, body in readme_blocks("pre-commit"))
    config = yaml.safe_load(config_block)
    assert config["repos"][0]["rev"] == "COMMIT_SHA"
    repo = git_repository(tmp_path / "infra", INSECURE)
    url = config["repos"][0]["repo"]
    (repo / ".pre-commit-config.yaml").write_text(config_block.replace(url, str(clone.path)))
    for line in shell_lines(commands_block):
        words = shlex.split(line)
        assert words[0] == "pre-commit", line
        must(pre_commit(pre_commit_home, repo, *words[1:]), line)
    pinned = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text())
    assert pinned["repos"][0]["rev"] == clone.sha
    env = clean_environment(PRE_COMMIT_HOME=str(pre_commit_home))
    must(command(["git", "add", "-A"], repo, env), "git add")
    blocked = command(["git", "commit", "-m", "insecure"], repo, env)
    assert blocked.code == 1, blocked.text[-3000:]
    assert "FAIL  pci-1.4.4-rds-not-public" in blocked.text
    assert "Traceback" not in blocked.text
    for child in repo.iterdir():
        if child.name not in (".git", ".pre-commit-config.yaml"):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
    shutil.copytree(COMPLIANT, repo, dirs_exist_ok=True)
    controls = repo / "compliance" / "controls"
    controls.mkdir(parents=True)
    shutil.copy(DATA / "policies" / "valid" / "versioning.yaml", controls / "versioning.yaml")
    must(command(["git", "add", "-A"], repo, env), "git add")
    committed = must(command(["git", "commit", "-m", "compliant"], repo, env), "git commit")
    assert re.search(r"validate custom control files\)\.+Passed", committed.text), committed.text
