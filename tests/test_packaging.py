"""The distribution: the wheel carries the control library and schema; the console script works."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DATA, REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    (built,) = out.glob("assaymark-*.whl")
    return built


def test_the_wheel_ships_the_control_library_and_schema(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "checker/schemas/control.schema.json" in names
    assert "checker/policies/frameworks/pci-dss-4.0.yaml" in names
    library = {n for n in names if n.startswith("checker/policies/") and n.endswith(".yaml")}
    checkout = set((REPO / "policies").rglob("*.yaml"))
    assert len(library) == len(checkout) > 1


def test_an_installed_wheel_finds_its_library(wheel: Path, tmp_path: Path) -> None:
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = "from checker.library import builtin_policy_dir; print(builtin_policy_dir())"
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    found = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert Path(found.stdout.strip()) == tmp_path / "checker" / "policies"


def test_the_console_script_runs_a_scan() -> None:
    script = Path(sys.executable).parent / "assaymark"
    result = subprocess.run(
        [
            str(script),
            "scan",
            "terraform",
            str(DATA / "terraform" / "expansion"),
            "--format",
            "json",
            "--policies",
            str(DATA / "policies" / "valid"),
            "--control",
            "test-s3-versioning",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert json.loads(result.stdout)["summary"]["fail"] == 1


def test_the_console_script_reports_errors_without_a_traceback() -> None:
    script = Path(sys.executable).parent / "assaymark"
    result = subprocess.run(
        [str(script), "scan", "terraform", "/nonexistent"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == "assaymark: error: /nonexistent: no such file or folder"
