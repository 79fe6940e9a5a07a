"""Installing assaymark as its users do: from a fresh clone, into fresh environments.

The tests that use these helpers never run the editable install of the checkout: an editable
install sees every file of the working tree and so hides a file that packaging leaves out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import REPO

EXAMPLES = REPO / "examples"
INSECURE = EXAMPLES / "terraform" / "insecure"
COMPLIANT = EXAMPLES / "terraform" / "compliant"

# Generous: a fresh environment downloads (or takes from pip's cache) assaymark's dependencies.
INSTALL_TIMEOUT = 600

_IDENTITY = {
    "GIT_AUTHOR_NAME": "assaymark tests",
    "GIT_AUTHOR_EMAIL": "tests@assaymark.invalid",
    "GIT_COMMITTER_NAME": "assaymark tests",
    "GIT_COMMITTER_EMAIL": "tests@assaymark.invalid",
}


@dataclass(frozen=True)
class Clone:
    """A git repository holding the checkout's files as they are now, committed once."""

    path: Path
    sha: str

    @property
    def url(self) -> str:
        """The clone as a git URL, as pip and pre-commit take one."""
        return self.path.as_uri()


@dataclass(frozen=True)
class Ran:
    """What a command printed and returned."""

    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """Standard output and standard error together."""
        return self.out + self.err


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without the test virtual environment's traces, plus `extra`.

    A child that inherits VIRTUAL_ENV or PYTHONPATH could import the checkout instead of what it
    installed; git needs an identity to commit.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PIP_REQUIRE_VIRTUALENV")
    }
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(
        part for part in env.get("PATH", "").split(os.pathsep) if part != venv_bin
    )
    return {**env, **_IDENTITY, **extra}


def command(
    args: Sequence[str | Path],
    cwd: Path,
    env: Mapping[str, str] | None = None,
    timeout: float = INSTALL_TIMEOUT,
) -> Ran:
    """Run a program to its end and return what it printed."""
    done = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=dict(env) if env is not None else clean_environment(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return Ran(done.returncode, done.stdout, done.stderr)


def must(ran: Ran, what: str) -> Ran:
    """`ran`, after failing the test with its output if it did not exit 0."""
    assert ran.code == 0, f"{what} exited {ran.code}:\n{ran.text[-4000:]}"
    return ran


def tracked_files() -> list[Path]:
    """The checkout's files as a fresh clone would hold them, with the uncommitted changes.

    Untracked files that git does not ignore are included, as they would be committed.
    """
    listed = subprocess.run(
        ["git", "-C", str(REPO), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=False,
    )
    assert listed.returncode == 0, "these tests need the checkout to be a git repository"
    names = [name for name in listed.stdout.decode().split("\0") if name]
    return [Path(name) for name in names if (REPO / name).is_file()]


def make_clone(dest: Path) -> Clone:
    """Copy the checkout's files into `dest` and commit them there, as a fresh clone."""
    for name in tracked_files():
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO / name, target)
    env = clean_environment()
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        must(command(["git", *args], dest, env), f"git {args[0]}")
    sha = must(command(["git", "rev-parse", "HEAD"], dest, env), "git rev-parse").out.strip()
    return Clone(dest, sha)


def make_venv(path: Path) -> Path:
    """A new virtual environment with nothing installed; returns its bin folder."""
    must(command([find_base_python(), "-m", "venv", path], path.parent), "python -m venv")
    return path / "bin"


def find_base_python() -> str:
    """The interpreter the test environment was made from, as a user's `python3` would be."""
    base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}"
    return str(base) if base.exists() else sys.executable


def copy_tree(source: Path, dest: Path) -> Path:
    """A copy of `source` at `dest` (made anew), for a scan or a commit to work on."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(source, dest)
    return dest


def git_repository(path: Path, files_from: Path | None = None) -> Path:
    """A new git repository at `path`, holding a copy of `files_from` when given (uncommitted)."""
    if files_from is not None:
        copy_tree(files_from, path)
    else:
        path.mkdir(parents=True)
    must(command(["git", "init", "-q", "-b", "main"], path), "git init")
    must(command(["git", "add", "-A"], path), "git add")
    return path


def readme_blocks(heading: str) -> list[tuple[str, str]]:
    """The fenced code blocks (language, text) of the README's section `## heading`."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    section = text[start : end if end != -1 else len(text)]
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", section, flags=re.MULTILINE | re.DOTALL)
    return [(language, body) for language, body in blocks]


def shell_lines(block: str) -> list[str]:
    """The commands of a shell block, each without its trailing comment."""
    lines = (line.split("  #")[0].strip() for line in block.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
