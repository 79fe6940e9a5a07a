"""The distributions, built from a fresh clone, hold every module and data file, and installed
into a fresh virtual environment (never editable) they scan, seal and render."""

from __future__ import annotations

import json
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from checker.policy import shipped_validation
from tests.browser import BROWSER_FLAGS, browser
from tests.installing import (
    COMPLIANT,
    INSECURE,
    Clone,
    command,
    make_venv,
    must,
    tracked_files,
)

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Dists:
    """The sdist, and the wheel that `python -m build` made from it."""

    sdist: Path
    wheel: Path


@pytest.fixture(scope="module")
def dists(clone: Clone, tmp_path_factory: pytest.TempPathFactory) -> Dists:
    out = tmp_path_factory.mktemp("dist")
    # Without --sdist/--wheel, build makes the sdist and then the wheel from the unpacked sdist:
    # a file missing from the sdist breaks the wheel too.
    built = command(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", out, "."], clone.path
    )
    must(built, "python -m build")
    (sdist,) = out.glob("assaymark-*.tar.gz")
    (wheel,) = out.glob("assaymark-*.whl")
    return Dists(sdist, wheel)


@pytest.fixture(scope="module")
def installed(dists: Dists, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtual environment with the wheel installed."""
    bin_dir = make_venv(tmp_path_factory.mktemp("wheel-venv") / "venv")
    must(command([bin_dir / "pip", "install", "--quiet", dists.wheel], bin_dir), "pip install")
    return bin_dir


def package_files() -> set[str]:
    """What the wheel must hold: every tracked file of the packages, and the control library."""
    wanted: set[str] = set()
    for name in map(str, tracked_files()):
        if name.startswith(("checker/", "adapters/")):
            wanted.add(name)
        elif name.startswith("policies/"):
            wanted.add("checker/" + name)
    return wanted


def test_the_wheel_holds_every_module_the_library_the_schema_and_the_template(
    dists: Dists,
) -> None:
    names = set(zipfile.ZipFile(dists.wheel).namelist())
    wanted = package_files()
    assert {
        "checker/evidence/bundle.py",
        "checker/schemas/control.schema.json",
        "checker/templates/report.html.j2",
        "checker/policies/frameworks/pci-dss-4.0.yaml",
    } <= wanted
    assert sorted(wanted - names) == []
    modules = {n for n in names if n.endswith(".py")}
    assert all(n.startswith(("checker/", "adapters/")) for n in modules), "tests leaked in"


def test_the_sdist_holds_every_tracked_file_it_needs(dists: Dists) -> None:
    with tarfile.open(dists.sdist) as archive:
        root = archive.getnames()[0].split("/")[0]
        names = {n.removeprefix(root + "/") for n in archive.getnames()}
    kept = ("checker/", "adapters/", "policies/", "tests/", "examples/", "docs/")
    wanted = {str(n) for n in tracked_files() if str(n).startswith(kept) or "/" not in str(n)}
    wanted -= {".gitignore", "Makefile"}
    assert sorted(wanted - names) == []


def test_the_installed_package_is_the_wheel_not_the_checkout(installed: Path) -> None:
    code = "import checker, adapters; print(checker.__file__); print(adapters.__file__)"
    ran = must(command([installed / "python", "-c", code], installed), "python -c")
    for line in ran.out.splitlines():
        assert Path(line).is_relative_to(installed.parent), line


def test_the_installed_library_loads_without_validating_a_control_file_again(
    installed: Path,
) -> None:
    code = (
        "from checker import policy\n"
        "from checker.cache import Store\n"
        "from checker.library import builtin_policy_dir\n"
        "def no_validation():\n"
        "    raise SystemExit('validated a built-in control file')\n"
        "policy._validator = no_validation\n"
        "policy._VALIDATED = Store(None)\n"
        "print(len(policy.load_controls([builtin_policy_dir()])))\n"
    )
    ran = must(command([installed / "python", "-c", code], installed), "python -c")
    assert int(ran.out.strip()) == len(shipped_validation())


def test_the_installed_command_fails_the_insecure_stack(installed: Path, tmp_path: Path) -> None:
    ran = command([installed / "assaymark", "scan", "terraform", INSECURE], tmp_path)
    assert ran.code == 1, ran.text[-3000:]
    assert "FAIL  pci-3.5.1-rds-storage-encrypted" in ran.out
    assert "Traceback" not in ran.text


def test_the_installed_command_passes_the_compliant_stack(installed: Path, tmp_path: Path) -> None:
    ran = command([installed / "assaymark", "scan", "terraform", COMPLIANT], tmp_path)
    assert ran.code == 0, ran.text[-3000:]


def test_the_installed_command_seals_a_bundle_that_verifies(
    installed: Path, tmp_path: Path
) -> None:
    assaymark = installed / "assaymark"
    must(command([assaymark, "keygen", "--out", tmp_path / "signing"], tmp_path), "keygen")
    bundle = tmp_path / "bundle"
    sealed = command(
        [
            assaymark, "scan", "terraform", COMPLIANT,
            "--evidence", bundle, "--sign-key", tmp_path / "signing.key",
        ],
        tmp_path,
    )  # fmt: skip
    assert sealed.code == 0, sealed.text[-3000:]
    verified = command(
        [assaymark, "evidence", "verify", bundle, "--key", tmp_path / "signing.pub"], tmp_path
    )
    assert verified.code == 0, verified.text
    replayed = [assaymark, "evidence", "replay", bundle, "--key", tmp_path / "signing.pub"]
    assert command(replayed, tmp_path).code == 0


def test_the_installed_command_writes_an_html_report_a_browser_renders(
    installed: Path, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    ran = command(
        [
            installed / "assaymark",
            "scan",
            "terraform",
            INSECURE,
            "--format",
            "html",
            "--output",
            page,
        ],
        tmp_path,
    )
    assert ran.code == 1, ran.text[-3000:]
    dom = command(
        [
            browser(),
            *BROWSER_FLAGS,
            f"--user-data-dir={tmp_path / 'dom'}",
            "--dump-dom",
            page.as_uri(),
        ],
        tmp_path,
        timeout=120,
    )
    assert dom.code == 0, dom.err[-2000:]
    assert 'id="control-pci-3.5.1-rds-storage-encrypted"' in dom.out


def test_the_installed_command_reports_bad_input_without_a_traceback(
    installed: Path, tmp_path: Path
) -> None:
    ran = command([installed / "assaymark", "scan", "terraform", "/nonexistent"], tmp_path)
    assert ran.code == 2
    assert ran.err.strip() == "assaymark: error: /nonexistent: no such file or folder"


def test_the_installed_command_reports_json(installed: Path, tmp_path: Path) -> None:
    ran = command(
        [installed / "assaymark", "scan", "terraform", INSECURE, "--format", "json"], tmp_path
    )
    report = json.loads(ran.out)
    assert report["tool"]["name"] == "assaymark"
    assert report["summary"]["fail"] > 0
