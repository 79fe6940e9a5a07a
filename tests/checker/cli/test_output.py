"""--output: the report replaces the file whole or not at all, and devices stay devices."""

from __future__ import annotations

import errno
import json
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest

from checker.results import Report
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"
INSECURE = REPO / "examples" / "terraform" / "insecure"


def test_a_full_disk_is_a_clean_error_exit_3(run: RunCli) -> None:
    result = run("scan", "terraform", COMPLIANT, "--format", "json", "--output", "/dev/full")
    assert result.code == 3
    assert "--output /dev/full: cannot write the report: No space left on device" in result.err
    assert "internal error" not in result.err


def test_a_failed_write_keeps_the_earlier_report_and_leaves_no_partial_file(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = tmp_path / "report.json"
    report.write_text("the earlier report\n")
    from checker.formats.json import JsonFormat

    def half_then_full(self: JsonFormat, result: Report, stream: TextIO) -> None:
        stream.write('{"tool": ')
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(JsonFormat, "write", half_then_full)
    result = run("scan", "terraform", COMPLIANT, "--format", "json", "--output", report)
    assert result.code == 3
    assert report.read_text() == "the earlier report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_a_device_is_written_in_place_never_replaced(run: RunCli) -> None:
    result = run("scan", "terraform", COMPLIANT, "--format", "json", "--output", "/dev/null")
    assert result.code == 0
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_a_folder_as_output_is_refused_before_anything_runs(run: RunCli, tmp_path: Path) -> None:
    assert run("scan", "terraform", COMPLIANT, "--output", tmp_path).code == 2  # click says so
    config = tmp_path / "assaymark.yaml"
    config.write_text(f"terraform: {{paths: [{COMPLIANT}]}}\noutput: reports\n")
    (tmp_path / "reports").mkdir()
    result = run("run", "--config", config)
    assert result.code == 2
    assert "reports: is a folder; give a file name" in result.err
    assert result.out == ""


def test_the_report_file_gets_the_usual_permissions(run: RunCli, tmp_path: Path) -> None:
    report = tmp_path / "new" / "report.json"
    assert run("scan", "terraform", COMPLIANT, "--format", "json", "--output", report).code == 0
    assert stat.S_IMODE(report.stat().st_mode) & 0o044 == 0o044  # readable as before, not 0600


def test_several_formats_in_one_run(run: RunCli, tmp_path: Path) -> None:
    sarif, junit = tmp_path / "results.sarif", tmp_path / "out" / "results.xml"
    result = run(
        "scan", "terraform", INSECURE,
        "--format", f"sarif:{sarif}", "--format", f"junit:{junit}", "--format", "json",
    )  # fmt: skip
    assert result.code == 1
    assert result.json()["summary"]["fail"] > 0  # the one without a file went to stdout
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert junit.read_text(encoding="utf-8").startswith("<?xml")
    assert f"reports written to {sarif}, {junit}" in result.err


def test_output_takes_the_one_format_without_a_file(run: RunCli, tmp_path: Path) -> None:
    report, sarif = tmp_path / "report.json", tmp_path / "r.sarif"
    result = run(
        "scan", "terraform", COMPLIANT, "--format", "json", "--format", f"sarif:{sarif}",
        "--output", report,
    )  # fmt: skip
    assert result.code == 0
    assert result.out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["fail"] == 0
    assert sarif.is_file()


@pytest.mark.parametrize(
    ("formats", "problem"),
    [
        (["--format", "json", "--format", "text"], "at most one report goes to standard output"),
        (["--format", "json:a.json", "--format", "sarif:a.json"], "two reports would be written"),
        (["--format", "json", "--format", "text", "--output", "x"], "takes the one --format"),
        (["--format", "yaml"], "Invalid value for '--format': unknown format 'yaml'"),
        (["--format", "json:"], "names no file after the colon"),
    ],
)
def test_formats_that_cannot_all_be_written_are_refused_before_the_scan(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, formats: list[str], problem: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("scan", "terraform", COMPLIANT, *formats)
    assert result.code == 2
    assert problem in result.err
    assert result.out == ""
    assert list(tmp_path.iterdir()) == []


def test_quiet_writes_files_and_only_the_summary_line(run: RunCli, tmp_path: Path) -> None:
    quiet = run("scan", "terraform", INSECURE, "--quiet")
    assert quiet.code == 1
    assert quiet.out == ""
    assert re.fullmatch(r"\d+ controls: \d+ pass, \d+ fail, .*\(\d+\.\ds\)\n", quiet.err)
    report = tmp_path / "report.json"
    to_file = run("scan", "terraform", INSECURE, "--quiet", "--format", f"json:{report}")
    assert to_file.out == ""
    assert report.is_file()


def test_formats_are_given_the_settings_asked_for(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.formats import FORMATS
    from checker.formats.base import FormatSettings
    from checker.formats.json import JsonFormat

    seen: list[FormatSettings] = []

    class Recording(JsonFormat):
        def write(self, report: Report, stream: TextIO) -> None:
            seen.append(self.settings)
            super().write(report, stream)

    monkeypatch.setitem(FORMATS, "json", Recording)
    repository = tmp_path / "repo"
    shutil.copytree(COMPLIANT, repository / "infra")
    (repository / ".git").mkdir()
    (repository / ".assaymark.yaml").write_text("compact: true\n", encoding="utf-8")
    result = run(
        "scan", "terraform", repository / "infra", "--format", "json",
        "--max-results", "3", "--min-severity", "high",
    )  # fmt: skip
    assert result.code == 0
    (settings,) = seen
    assert settings == FormatSettings(
        max_results=3,
        min_severity="high",
        compact=True,
        repository_root=repository.resolve(),
        anchor=".assaymark.yaml",
    )


def test_without_git_the_repository_root_is_the_working_folder(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from checker.cli.output import ScanOptions

    monkeypatch.chdir(tmp_path)
    options = ScanOptions.from_command_line({}, (tmp_path,))
    assert options.repository_root == tmp_path.resolve()
    assert options.format_settings().anchor is None


def test_sarif_uris_start_at_the_repository_root_from_inside_a_folder(
    run: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`cd examples/terraform/insecure && assaymark scan terraform . --format sarif:out.sarif`"""
    repository = tmp_path / "repo"
    shutil.copytree(INSECURE, repository / "examples" / "terraform" / "insecure")
    (repository / ".git").mkdir()
    monkeypatch.chdir(repository / "examples" / "terraform" / "insecure")
    result = run("scan", "terraform", ".", "--format", "sarif:out.sarif", "--format", "text")
    assert result.code == 1
    assert "FAIL" in result.out
    log = json.loads(Path("out.sarif").read_text(encoding="utf-8"))
    uris = {
        location["physicalLocation"]["artifactLocation"]["uri"]
        for found in log["runs"][0]["results"]
        for location in found["locations"]
    }
    assert uris
    assert all(uri.startswith("examples/terraform/insecure/") for uri in uris), uris
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == (
        repository.resolve().as_uri() + "/"
    )
