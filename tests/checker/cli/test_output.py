"""--output: the report replaces the file whole or not at all, and devices stay devices."""

from __future__ import annotations

import errno
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest

from checker.results import Report
from tests.conftest import REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"


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
