"""`--format text`: per control its findings, for people at a terminal or reading CI logs.

A finding is one line, `    FAIL  resource  file:line  message`. At a terminal too narrow for
that line the message moves to the lines below, wrapped at the terminal's width; identifiers
(resources, files) are never broken. Anywhere else nothing is wrapped, so that logs can be
searched line by line. Colour only at a terminal. Lines are written as plain strings: a
report of ten thousand findings renders in a fraction of a second.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, TextIO

from checker.formats.base import Format
from checker.models import READING_ORDER, Finding, Status
from checker.requirements import coverage, report_verdicts
from checker.results import ControlResult, Report

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

STATUS_STYLES = {
    Status.PASS: "green",
    Status.FAIL: "bold red",
    Status.ERROR: "bold magenta",
    Status.WAIVED: "yellow",
    Status.BASELINED: "blue",
    Status.NOT_APPLICABLE: "dim",
    Status.MANUAL: "cyan",
}
# The same colours as SGR codes, written without rich: styling ten thousand rows through it
# costs seconds.
_STATUS_CODES = {
    Status.PASS: "32",
    Status.FAIL: "1;31",
    Status.ERROR: "1;35",
    Status.WAIVED: "33",
    Status.BASELINED: "34",
    Status.NOT_APPLICABLE: "2",
    Status.MANUAL: "36",
}
_BOLD, _DIM, _CYAN = "1", "2", "36"
_WIDTH_WHEN_NOT_A_TERMINAL = 200
_INDENT = "    "
_MESSAGE_INDENT = " " * 8
# Columns are aligned within a control up to this width; a longer resource or file is
# written whole and the columns after it shift.
_MAX_ALIGNED = 48
# Aligned columns are kept at a terminal only if they leave the message this much room.
_MIN_MESSAGE_ROOM = 24
_SHOWN = frozenset(Status) - {Status.PASS}
_FAILING = frozenset({Status.FAIL, Status.ERROR})


def console_for(stream: TextIO) -> Console:
    """A console that colours a terminal and writes plain text anywhere else."""
    from rich.console import Console  # the report itself is written without rich

    terminal = stream.isatty()
    return Console(
        file=stream,
        highlight=False,
        width=None if terminal else _WIDTH_WHEN_NOT_A_TERMINAL,
        no_color=not terminal,
    )


def status_text(status: Status) -> Text:
    """A status word in its colour."""
    from rich.text import Text

    return Text(_word(status), style=STATUS_STYLES[status])


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


def _word(status: Status) -> str:
    return str(status).upper().replace("_", " ")


@dataclass(frozen=True)
class _Row:
    """A finding or a source error as the text report lists it."""

    status: Status
    subject: str
    location: str
    message: str


@dataclass(frozen=True)
class _Terminal:
    """Where the report goes: `width` is None when lines are not to be wrapped."""

    width: int | None
    colour: bool

    @classmethod
    def of(cls, stream: TextIO) -> _Terminal:
        if not stream.isatty():
            return cls(width=None, colour=False)
        colour = "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"
        return cls(width=_terminal_width(stream), colour=colour)

    def paint(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour and text else text


def _terminal_width(stream: TextIO) -> int:
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError):
        return 80


def _wrapped(message: str, width: int) -> list[str]:
    """The message in lines of at most `width` characters, indented below its finding; a word
    longer than a line (an ARN, a path) is kept whole. Greedy, as textwrap is, at a fraction
    of its cost."""
    room = max(width - len(_MESSAGE_INDENT), _MIN_MESSAGE_ROOM)
    lines: list[str] = []
    line = ""
    for word in message.split():
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= room:
            line = f"{line} {word}"
        else:
            lines.append(_MESSAGE_INDENT + line)
            line = word
    if line:
        lines.append(_MESSAGE_INDENT + line)
    return lines


def _wrapped_header(plain: str, width: int) -> list[str]:
    # The status and the control id stay together on the first line, whatever the width.
    return textwrap.wrap(
        plain,
        width=width,
        subsequent_indent=_INDENT,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _message(finding: Finding) -> str:
    note = finding.waiver
    if finding.status is Status.BASELINED:
        return f"{finding.message} (in the baseline)"
    if note is not None and note.expired:
        return f"{finding.message} (waiver expired: {note.reason})"
    if note is not None:
        return f"{finding.message} (waived: {note.reason})"
    return finding.message


class _Layout:
    """Writes rows and headers for one terminal."""

    def __init__(self, terminal: _Terminal) -> None:
        self.terminal = terminal

    def header(self, result: ControlResult) -> Iterator[str]:
        control = result.control
        paint = self.terminal.paint
        word, severity = _word(result.status), f"[{control.severity}]"
        lead = f"{word}  {control.id}"
        plain = f"{lead}  {control.title}  {severity}"
        width = self.terminal.width
        lines = [plain]
        if width is not None and len(plain) > width:
            lines = _wrapped_header(plain, width)
        painted_lead = f"{paint(word, _STATUS_CODES[result.status])}  {paint(control.id, _BOLD)}"
        lines[0] = painted_lead + lines[0][len(lead) :]
        if lines[-1].endswith(severity):
            lines[-1] = lines[-1][: -len(severity)] + paint(severity, _DIM)
        yield from lines

    def rows(self, rows: Sequence[_Row]) -> Iterator[str]:
        widths = [
            max(len(_word(row.status)) for row in rows),
            min(max(len(row.subject) for row in rows), _MAX_ALIGNED),
            min(max(len(row.location) for row in rows), _MAX_ALIGNED),
        ]
        width = self.terminal.width
        if width is not None and len(_INDENT) + sum(widths) + 6 + _MIN_MESSAGE_ROOM > width:
            widths = [widths[0], 0, 0]
        for row in rows:
            yield from self._row(row, widths)

    def _row(self, row: _Row, widths: list[int]) -> Iterator[str]:
        paint = self.terminal.paint
        word = _word(row.status)
        status = paint(word, _STATUS_CODES[row.status]) + " " * (widths[0] - len(word))
        subject = paint(row.subject, _BOLD) + " " * max(widths[1] - len(row.subject), 0)
        location = paint(row.location, _CYAN) + " " * max(widths[2] - len(row.location), 0)
        prefix = f"{_INDENT}{status}  {subject}  {location}"
        shown = (
            len(_INDENT)
            + widths[0]
            + 4
            + max(widths[1], len(row.subject))
            + max(widths[2], len(row.location))
        )
        width = self.terminal.width
        if width is None:
            yield f"{prefix}  {row.message.replace(chr(10), chr(10) + _MESSAGE_INDENT)}"
        elif shown + 2 + len(row.message) <= width and "\n" not in row.message:
            yield f"{prefix}  {row.message}"
        else:
            yield prefix.rstrip()
            yield from _wrapped(row.message, width)


class TextFormat(Format):
    """Per control its findings, failing and erroring ones first, each at file:line; with
    --compact only the failing and erroring findings and the summary line."""

    name: ClassVar[str] = "text"

    def write(self, report: Report, stream: TextIO) -> None:
        layout = _Layout(_Terminal.of(stream))
        lines = list(self._lines(report, layout))
        # Aligned columns pad their cells; logs and diffs read better without trailing blanks.
        stream.write("".join(line.rstrip() + "\n" for line in lines))

    def _lines(self, report: Report, layout: _Layout) -> Iterator[str]:
        compact = self.settings.compact
        shown_statuses = _FAILING if compact else _SHOWN
        for result in sorted(report.results, key=lambda r: (READING_ORDER[r.status], r.control.id)):
            shown = [f for f in result.findings if f.status in shown_statuses]
            if compact and not shown:
                continue
            yield from layout.header(result)
            if shown:
                yield from layout.rows(
                    [_Row(f.status, f.subject, str(f.location), _message(f)) for f in shown]
                )
            attestation = result.attestation
            if attestation is not None and not compact:
                how = "attested" if result.attested else "attestation expired"
                yield (
                    f"{_INDENT}{how} by {attestation.attester} ({attestation.role}) on "
                    f"{attestation.date}, until {attestation.expires}; "
                    f"{len(attestation.evidence)} evidence file(s)"
                )
        if report.errors:
            yield ""
            yield layout.terminal.paint(
                "Could not be read or resolved:", _STATUS_CODES[Status.ERROR]
            )
            yield from layout.rows(
                [
                    _Row(Status.ERROR, error.source, str(error.location), error.message)
                    for error in report.errors
                ]
            )
        unused = [entry for entry in report.waiver_statuses() if entry["status"] == "unused"]
        if unused and not compact:
            yield ""
            yield layout.terminal.paint(
                "Waivers that matched no finding:", _STATUS_CODES[Status.WAIVED]
            )
            for entry in unused:
                yield (
                    f"{_INDENT}{entry['control']}  {entry['resource']}  "
                    f"(ticket {entry['ticket']}, expires {entry['expires']})"
                )
        if report.attestations:
            figures = coverage(report_verdicts(report))
            yield ""
            for framework, counts in figures.items():
                yield (
                    f"{framework}: of {counts['total']} requirements, {counts['automated']} "
                    f"evaluated by automated checks, {counts['attested']} attested, "
                    f"{counts['uncovered']} uncovered"
                )
        yield ""
        width = layout.terminal.width
        summary = summary_line(report)
        yield from [summary] if width is None else textwrap.wrap(summary, width)
