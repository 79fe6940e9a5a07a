"""The documentation stands on its own: no tracked file points at a file outside the project,
and docs/contracts.md names every exit code, status and JSON report key the code has."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from checker import errors, results
from checker.cli import main as cli_main
from checker.models import Finding, Location, Status, WaiverNote

REPO = Path(__file__).parent.parent
CONTRACTS = REPO / "docs" / "contracts.md"

# The design note outside the project, spelled so that this file does not trip its own check.
OLD_NOTE = "design".upper() + ".md"
# A relative path to the `shared` folder beside the project: one or more `../` then `shared`.
RELATIVE_SHARED = re.compile(r"((?:\.\./)+)shared\b")


def tracked_files() -> list[str]:
    """The project's tracked files, as `git ls-files` lists them (read-only)."""
    git = shutil.which("git")
    if git is None:
        pytest.fail("git is needed to list the project's tracked files: install git")
    listed = subprocess.run(
        [git, "-C", str(REPO), "ls-files", "-z"], capture_output=True, check=False
    )
    if listed.returncode != 0:
        pytest.fail(f"git ls-files failed in {REPO}: {listed.stderr.decode(errors='replace')}")
    return [name for name in listed.stdout.decode("utf-8").split("\0") if name]


def text_of(name: str) -> str | None:
    """A tracked file's text (a symlink's target), or None for binaries and deleted files."""
    path = REPO / name
    if path.is_symlink():
        return str(path.readlink())
    if not path.is_file():
        return None  # tracked, but deleted in the working tree
    data = path.read_bytes()
    if b"\0" in data:
        return None
    return data.decode("utf-8", errors="replace")


def outside_references(name: str, text: str) -> list[str]:
    """Where `text`, the content of tracked file `name`, points at a file outside the project.

    Any mention of the note counts, and so does a `shared` folder reached by climbing one folder
    (`..`), or by a longer chain of `..` that leaves the project from the file's own folder; a
    longer chain that stays inside it (a test building a module tree with a `shared` folder of
    its own) does not.
    """
    found = []
    shared_beside = str(REPO.resolve().parent / "shared")
    depth = len(Path(name).parts) - 1
    for number, line in enumerate(text.splitlines(), start=1):
        if OLD_NOTE in line or shared_beside in line:
            found.append(f"{name}:{number}: {line.strip()}")
            continue
        for match in RELATIVE_SHARED.finditer(line):
            ups = match.group(1).count("../")
            if ups == 1 or ups > depth:
                found.append(f"{name}:{number}: {line.strip()}")
                break
    return found


def test_no_tracked_file_points_outside_the_project() -> None:
    files = tracked_files()
    assert files, "git ls-files listed nothing"
    found = []
    for name in files:
        text = text_of(name)
        if text is not None:
            found.extend(outside_references(name, text))
    assert not found, "files outside the project referred to (use docs/contracts.md):\n" + (
        "\n".join(found)
    )


def test_the_check_catches_what_it_is_for() -> None:
    assert outside_references("README.md", f"see {OLD_NOTE}")
    assert outside_references("README.md", "see " + "../" + "shared/schemas")
    assert outside_references("checker/x.py", "../" + "shared/schemas")
    assert outside_references("docs/x.md", "../../" + "shared/schemas")
    assert not outside_references("tests/a/b/test_x.py", "../../" + "shared/variables.tf")
    assert not outside_references("README.md", "shared options: --framework")


def section(title: str) -> str:
    """The text of one `## title` section of docs/contracts.md."""
    text = CONTRACTS.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match is not None, f"docs/contracts.md has no section `## {title}`"
    return match.group(1)


def exit_codes_in_code() -> set[int]:
    """Every exit code the code defines: errors.py, the report's and the entry point's."""
    codes = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.AssaymarkError)
    }
    for module in (results, cli_main):
        codes |= {
            value
            for name, value in vars(module).items()
            if name.startswith("EXIT_") and isinstance(value, int)
        }
    return codes


def documented_exit_codes() -> set[int]:
    return {int(code) for code in re.findall(r"^\| (\d+) \|", section("Exit codes"), re.M)}


def test_errors_define_exit_codes() -> None:
    assert {2, 3} <= {cls.exit_code for cls in (errors.UsageError, errors.OutputError)}


@pytest.mark.parametrize("code", sorted(exit_codes_in_code()))
def test_every_exit_code_is_documented(code: int) -> None:
    assert code in documented_exit_codes(), f"exit {code} is missing from docs/contracts.md"


def test_no_exit_code_is_documented_that_the_code_lacks() -> None:
    assert documented_exit_codes() <= exit_codes_in_code()


@pytest.mark.parametrize("status", [str(status) for status in Status])
def test_every_status_is_documented(status: str) -> None:
    assert f"`{status}`" in section("Statuses"), f"status {status} is missing"


def test_every_key_of_the_json_report_is_documented() -> None:
    moment = dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC)
    report = results.Report((), (), moment, moment).to_dict()
    finding = Finding(
        "terraform",
        "aws_s3_bucket.a",
        Status.WAIVED,
        "m",
        Location("main.tf", 1, 2),
        waiver=WaiverNote("reason", "waivers file"),
        root="infra/prod",
    ).to_dict()
    keys = {*report, *finding, *finding["location"]}
    documented = section("JSON report")
    missing = sorted(key for key in keys if f"`{key}`" not in documented)
    assert not missing, f"JSON report keys missing from docs/contracts.md: {missing}"
