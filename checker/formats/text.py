"""`--format text`: a table per control for people at a terminal or reading CI logs."""

from __future__ import annotations

from typing import ClassVar, TextIO

from rich.console import Console
from rich.text import Text

from checker.formats.base import Format
from checker.models import Status
from checker.results import ControlResult, Report

STATUS_STYLES = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.ERROR: "bold magenta",
    Status.WAIVED: "yellow",
    Status.NOT_APPLICABLE: "dim",
    Status.MANUAL: "cyan",
}
# Failing and erroring controls first: they are what the reader came for.
_ORDER = {
    Status.ERROR: 0,
    Status.FAIL: 1,
    Status.WAIVED: 2,
    Status.MANUAL: 3,
    Status.PASS: 4,
    Status.NOT_APPLICABLE: 5,
}
_WIDTH_WHEN_NOT_A_TERMINAL = 140


def console_for(stream: TextIO) -> Console:
    """A console that colours a terminal and writes plain text anywhere else."""
    terminal = stream.isatty()
    return Console(
        file=stream,
        highlight=False,
        width=None if terminal else _WIDTH_WHEN_NOT_A_TERMINAL,
        # Logs and files keep each finding on one line, for grep.
        soft_wrap=not terminal,
        no_color=not terminal,
    )


def status_text(status: Status) -> Text:
    """A status word in its colour."""
    return Text(str(status).upper().replace("_", " "), style=STATUS_STYLES[status])


def summary_line(report: Report) -> str:
    """One line: how many controls ended in each status, and how long it took."""
    counts = report.summary
    parts = [
        f"{counts[str(status)]} {status}".replace("_", " ")
        for status in Status
        if counts[str(status)]
    ]
    seconds = (report.finished - report.started).total_seconds()
    errors = f", {len(report.errors)} source error(s)" if report.errors else ""
    counted = ", ".join(parts) or "none evaluated"
    return f"{len(report.results)} controls: {counted}{errors} ({seconds:.1f}s)"


class TextFormat(Format):
    """Failing controls with each resource at file:line, then the rest in one line each."""

    name: ClassVar[str] = "text"

    def write(self, report: Report, stream: TextIO) -> None:
        console = console_for(stream)
        for result in sorted(report.results, key=lambda r: (_ORDER[r.status], r.control.id)):
            self._control(console, result)
        if report.errors:
            console.print()
            console.print(Text("Could not be read or resolved:", style="bold magenta"))
            for error in report.errors:
                console.print(f"  {error.location}  [{error.source}] {error.message}", markup=False)
        console.print()
        console.print(summary_line(report), markup=False)

    def _control(self, console: Console, result: ControlResult) -> None:
        control = result.control
        header = Text.assemble(
            status_text(result.status),
            "  ",
            (control.id, "bold"),
            f"  {control.title}  ",
            (f"[{control.severity}]", "dim"),
        )
        console.print(header)
        for finding in result.findings:
            if finding.status is Status.PASS:
                continue
            message = finding.message
            if finding.waiver_reason:
                message += f" (waived: {finding.waiver_reason})"
            console.print(
                Text.assemble(
                    "    ",
                    status_text(finding.status),
                    "  ",
                    (finding.resource, "bold"),
                    "  ",
                    (str(finding.location), "cyan"),
                    "  ",
                    message,
                )
            )
