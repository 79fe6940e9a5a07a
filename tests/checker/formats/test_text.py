"""The text report: one line per finding in logs, wrapped legibly at a narrow terminal, cheap."""

from __future__ import annotations

import io
import re
import time

import pytest

from checker.formats.base import FormatSettings
from checker.formats.text import TextFormat, summary_line
from checker.models import Status
from checker.results import Report
from tests.checker.formats.synthetic import large_report, with_baseline

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def render(report: Report, stream: io.StringIO | None = None, compact: bool = False) -> str:
    stream = stream if stream is not None else io.StringIO()
    TextFormat(FormatSettings(compact=compact)).write(report, stream)
    return stream.getvalue()


def test_in_a_log_each_finding_is_one_line_with_file_and_line(report: Report) -> None:
    text = render(report)
    assert "\x1b[" not in text
    line = next(line for line in text.splitlines() if "publicly_accessible is true" in line)
    assert re.match(
        r"^    FAIL +aws_db_instance\.payments +examples/terraform/insecure/data\.tf:6 ", line
    )
    assert "publicly_accessible" in line
    assert all(line == line.rstrip() for line in text.splitlines())
    assert text.splitlines()[-1] == summary_line(report)


def test_at_a_narrow_terminal_messages_wrap_below_their_finding(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    lines = render(report, Terminal()).splitlines()
    locations = tuple(str(f.location) for r in report.results for f in r.findings)
    for line in lines:
        if line.startswith("        "):
            # A message line outgrows the terminal only by a single word too long for a line.
            assert len(line) <= 80 or len(line.split()) == 1, line
        elif len(line) > 80 and not line.startswith(("ERROR", "FAIL")):
            # Otherwise only a resource and its location, which are never broken, do.
            assert line.startswith("    ") and line.endswith(locations), line
    first = lines.index(next(line for line in lines if "data.tf:6" in line))
    assert lines[first + 1].startswith("        ")
    live = lines.index(
        next(line for line in lines if "arn:aws:s3:::pay-exports" in line and "ERROR" in line)
    )
    assert "account=111122223333, region=eu-west-1" in lines[live]
    assert "could not be evaluated" in lines[live + 1]


def test_no_line_wraps_one_syllable_at_a_time(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = render(report, Terminal()).splitlines()
    wrapped = [line.strip() for line in lines if line.startswith("        ")]
    assert wrapped
    # A wrapped line holds whole words and, but for the last of a message, fills its width.
    assert sum(len(line) for line in wrapped) / len(wrapped) > 25


def test_colour_only_at_a_terminal(report: Report, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    coloured = render(report, Terminal())
    assert "\x1b[1;31mFAIL\x1b[0m" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in render(report, Terminal())
    assert ANSI.sub("", coloured) == render(report, Terminal())


def test_compact_lists_only_failing_and_erroring_findings(report: Report) -> None:
    full = render(report)
    compact = render(report, compact=True)
    assert "NOT APPLICABLE" in full and "NOT APPLICABLE" not in compact
    assert "WAIVED" in full and "WAIVED" not in compact
    assert not re.search(r"^\s*PASS\b", compact, re.MULTILINE)
    assert compact.splitlines()[-1] == summary_line(report)
    assert "Could not be read or resolved:" in compact
    failing = sum(
        1 for r in report.results for f in r.findings if f.status in (Status.FAIL, Status.ERROR)
    )
    rows = [line for line in compact.splitlines() if line.startswith("    ")]
    assert len(rows) == failing + len(report.errors)


def test_baselined_findings_and_unused_waivers_are_shown(report: Report) -> None:
    text = render(with_baseline(report))
    line = next(
        line
        for line in text.splitlines()
        if "aws_db_instance.payments" in line and "BASELINED" in line
    )
    assert line.endswith("(in the baseline)")
    assert "Waivers that matched no finding:" in text
    assert "pci-1.4.4-rds-not-public  aws_db_instance.retired  (ticket RISK-404" in text
    assert "matched no finding" not in render(with_baseline(report), compact=True)


def test_twelve_thousand_findings_render_in_a_fraction_of_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = large_report()
    monkeypatch.setenv("COLUMNS", "80")
    started = time.process_time()
    render(report)
    render(report, Terminal())
    # rich's tables took about 4 CPU-seconds for each; both together take about 0.1 now.
    assert time.process_time() - started < 2.0
