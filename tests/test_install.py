"""Every command of the README's install section, run as written in a fresh clone."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.installing import (
    COMPLIANT,
    INSECURE,
    Clone,
    clean_environment,
    command,
    copy_tree,
    find_base_python,
    readme_blocks,
    shell_lines,
)

pytestmark = pytest.mark.slow

URL = "https://git.example.com/your-org/assaymark.git"


def install_commands() -> list[str]:
    (block,) = (body for language, body in readme_blocks("Install") if language == "sh")
    return shell_lines(block)


def test_the_readme_shows_the_install_paths_users_need() -> None:
    commands = install_commands()
    assert any(line.startswith("pipx install .") for line in commands)
    assert any("venv/bin/pip install ." in line for line in commands)
    assert any(f"git+{URL}@COMMIT_SHA" in line for line in commands)
    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "pip install assaymark" not in text
    assert "pipx install assaymark" not in text


@pytest.mark.parametrize("line", install_commands())
def test_each_install_command_gives_a_working_assaymark(
    line: str, clone: Clone, tmp_path: Path
) -> None:
    work = copy_tree(clone.path, tmp_path / "assaymark")
    tools = tmp_path / "tools"  # pipx, as a user has it on PATH, without the test environment
    tools.mkdir()
    (tools / "pipx").symlink_to(Path(sys.executable).parent / "pipx")
    pipx_bin = tmp_path / "pipx-bin"
    env = clean_environment(
        PIPX_HOME=str(tmp_path / "pipx-home"),
        PIPX_BIN_DIR=str(pipx_bin),
        PIPX_MAN_DIR=str(tmp_path / "pipx-man"),
        PIPX_DEFAULT_PYTHON=find_base_python(),
    )
    env["PATH"] = os.pathsep.join([str(tools), env["PATH"]])
    written = line.replace(URL, clone.url).replace("COMMIT_SHA", clone.sha)
    ran = command(["bash", "-euo", "pipefail", "-c", written], work, env)
    assert ran.code == 0, f"{line}\n{ran.text[-3000:]}"
    (assaymark,) = (
        path
        for path in (pipx_bin / "assaymark", work / "venv" / "bin" / "assaymark")
        if path.exists()
    )
    failing = command([assaymark, "scan", "terraform", INSECURE], tmp_path, env)
    assert failing.code == 1, failing.text[-3000:]
    assert "FAIL  pci-3.5.1-rds-storage-encrypted" in failing.out
    passing = command([assaymark, "scan", "terraform", COMPLIANT], tmp_path, env)
    assert passing.code == 0, passing.text[-3000:]
