"""checkov's own virtual environment: where it lives, and creating it.

checkov depends on bc-python-hcl2, which installs the same `hcl2` import package as the
python-hcl2 7.x that assaymark pins and silently replaces its files. So checkov never goes into
assaymark's environment: it gets a virtual environment of its own, and assaymark runs its
executable as a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from adapters.base import AdapterError

#: The checkov releases whose check ids and JSON output the mappings were written against.
CHECKOV_REQUIREMENT = "checkov>=3.2,<4"
HOME_VARIABLE = "ASSAYMARK_CHECKOV_HOME"


def default_home() -> Path:
    """Where checkov's environment is: $ASSAYMARK_CHECKOV_HOME, else the user's cache folder."""
    configured = os.environ.get(HOME_VARIABLE)
    if configured:
        return Path(configured)
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "assaymark" / "checkov"


def executable(home: Path) -> Path:
    """The checkov command inside an environment."""
    return home / ("Scripts" if os.name == "nt" else "bin") / "checkov"


def install(
    home: Path,
    requirement: str = CHECKOV_REQUIREMENT,
    echo: Callable[[str], None] = print,
) -> str:
    """Create (or update) checkov's environment at `home`; checkov's version."""
    if home.resolve() == Path(sys.prefix).resolve():
        raise AdapterError(
            f"{home} is assaymark's own environment: checkov would replace python-hcl2 there; "
            "choose another folder"
        )
    python = home / ("Scripts" if os.name == "nt" else "bin") / "python"
    steps = []
    if not python.exists():
        steps.append([sys.executable, "-m", "venv", str(home)])
    steps.append(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", requirement]
    )
    for step in steps:
        echo(f"$ {' '.join(step)}")
        try:
            done = subprocess.run(step, check=False)
        except OSError as exc:
            raise AdapterError(f"cannot run {step[0]}: {exc}") from exc
        if done.returncode != 0:
            raise AdapterError(f"installing checkov into {home} failed (exit {done.returncode})")
    return version(home)


def version(home: Path) -> str:
    """The version of the checkov installed at `home`."""
    try:
        done = subprocess.run(
            [str(executable(home)), "--version"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
            env={**os.environ, "BC_SKIP_MAPPING": "TRUE"},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AdapterError(f"checkov at {home} does not run: {exc}") from exc
    if done.returncode != 0:
        raise AdapterError(f"checkov at {home} does not run: {done.stderr.strip()[-300:]}")
    return done.stdout.strip()
