"""`--format text`: a table per control for people at a terminal or reading CI logs."""

from __future__ import annotations

from typing import ClassVar, TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.formats.base import Format
from checker.models import READING_ORDER, Status
from checker.results import ControlResult, Report

STATUS_STYLES = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.ERROR: "bold magenta",
    Status.WAIVED: "yellow",
    Status.NOT_APPLICABLE: "dim",
    Status.MANUAL: "cyan",
}
_WIDTH_WHEN_NOT_A_TERMINAL = 200


def console_for(stream: TextIO) -> Console:
    """A console that colours a terminal and writes plain text anywhere else."""
    terminal = stream.isatty()
    return Console(
        file=stream,
        highlight=False,
        width=None if terminal else _WIDTH_WHEN_NOT_A_TERMINAL,
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
    """A table per control: failing and erroring ones first, each resource at file:line."""

    name: ClassVar[str] = "text"

    def write(self, report: Report, stream: TextIO) -> None:
        console = console_for(stream)
        with console.capture() as captured:
            for result in sorted(
                report.results, key=lambda r: (READING_ORDER[r.status], r.control.id)
            ):
                self._control(console, result)
            if report.errors:
                console.print()
                console.print(Text("Could not be read or resolved:", style="bold magenta"))
                errors = _table()
                for error in report.errors:
                    errors.add_row(
                        Text("    ") + status_text(Status.ERROR),
                        Text(error.source),
                        Text(str(error.location), style="cyan"),
                        Text(error.message),
                    )
                console.print(errors)
            console.print()
            console.print(summary_line(report), markup=False)
        # Tables pad their cells; logs and diffs read better without trailing blanks.
        stream.writelines(line.rstrip() + "\n" for line in captured.get().splitlines())

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
        shown = [finding for finding in result.findings if finding.status is not Status.PASS]
        if not shown:
            return
        table = _table()
        for finding in shown:
            message = finding.message
            if finding.waiver is not None and finding.waiver.expired:
                message += f" (waiver expired: {finding.waiver.reason})"
            elif finding.waiver is not None:
                message += f" (waived: {finding.waiver.reason})"
            table.add_row(
                Text("    ") + status_text(finding.status),
                Text(finding.subject, style="bold"),
                Text(str(finding.location), style="cyan"),
                Text(message),
            )
        console.print(table)


def _table() -> Table:
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), pad_edge=False)
    table.add_column("status", no_wrap=True)
    table.add_column("resource", no_wrap=True)
    table.add_column("location", no_wrap=True)
    table.add_column("message", overflow="fold")
    return table
