"""`--format markdown`: a pull-request comment: a summary per framework, then what to fix.

A comment has to fit GitHub's limit of 65,536 characters: the controls that matter most come
first (erroring, then failing, the more severe first), and when the findings do not all fit,
the comment says how many it left out and why, right below its summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import ClassVar, TextIO

from checker.formats.base import Format, FormatSettings
from checker.formats.selection import LeftOut, minimum_rank, severity_rank
from checker.formats.text import summary_line
from checker.library import requirement_order
from checker.models import Finding, Status
from checker.requirements import coverage, report_verdicts
from checker.results import ControlResult, Report

_SHOWN_PER_CONTROL = 20
_FRAMEWORK_TITLES = {"pci-dss-4.0": "PCI DSS v4.0", "gdpr": "GDPR"}
#: GitHub refuses a comment longer than this many characters.
COMMENT_LIMIT = 65_536
# Room kept for the sentence saying what was left out, whatever its numbers.
_LEFT_OUT_ROOM = 400
_SIZE_REASON = "to keep this comment under GitHub's 65,536 characters"
_PER_CONTROL_REASON = f"beyond {_SHOWN_PER_CONTROL} per control"
_LISTED = (Status.FAIL, Status.ERROR)


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _framework_rows(report: Report) -> list[str]:
    rows = []
    for framework, title in _FRAMEWORK_TITLES.items():
        serving = [r for r in report.results if framework in r.control.frameworks]
        if not serving:
            continue
        counts = Counter(result.status for result in serving)
        failing = sorted(
            {
                requirement
                for result in serving
                if result.status in (Status.FAIL, Status.ERROR)
                for requirement in result.control.frameworks[framework]
            },
            key=requirement_order,
        )
        rows.append(
            f"| {title} | {counts[Status.PASS]} | {counts[Status.FAIL]} | {counts[Status.ERROR]} "
            f"| {counts[Status.WAIVED]} | {counts[Status.BASELINED]} "
            f"| {cell(', '.join(failing)) or '-'} |"
        )
    return rows


def _coverage_lines(report: Report) -> list[str]:
    """Per framework, how many of its requirements checks and attestations account for."""
    figures = coverage(report_verdicts(report))
    lines = [
        f"{title}: {figures[framework]['automated']} of {figures[framework]['total']} "
        f"requirements evaluated by automated checks, {figures[framework]['attested']} "
        f"attested, {figures[framework]['uncovered']} uncovered."
        for framework, title in _FRAMEWORK_TITLES.items()
        if framework in figures
    ]
    return [*lines, ""] if lines else []


class _Budget:
    """The characters a comment has left; each line costs its length and a newline."""

    def __init__(self, characters: int) -> None:
        self.left = characters

    def cost(self, lines: Sequence[str]) -> int:
        return sum(len(line) + 1 for line in lines)

    def take(self, lines: Sequence[str], keep: int = 0) -> bool:
        """Whether `lines` fit with `keep` characters still to spare; if so they are spent."""
        needed = self.cost(lines)
        if needed + keep > self.left:
            return False
        self.left -= needed
        return True


class _Tally:
    """What the comment leaves out, counted while it is written."""

    def __init__(self) -> None:
        self.left_out = LeftOut()
        self.listed = 0


def _row(finding: Finding) -> str:
    return (
        f"| {finding.status} | `{cell(finding.subject)}` | `{cell(str(finding.location))}` "
        f"| {cell(finding.message)} |"
    )


def _control_section(
    result: ControlResult, budget: _Budget, tally: _Tally, settings: FormatSettings
) -> list[str]:
    control = result.control
    shown = [f for f in result.findings if f.status in _LISTED]
    head = [
        f"<details><summary><b>{str(result.status).upper()}</b> <code>{control.id}</code> "
        f"{cell(control.title)} ({control.severity}, {len(shown)} resource(s))</summary>",
        "",
        "| status | resource | location | finding |",
        "|---|---|---|---|",
    ]
    tail = ["", f"**Fix:** {cell(control.remediation)}", "", "</details>", ""]
    room = settings.max_results - tally.listed if settings.max_results is not None else len(shown)
    if room <= 0 or not budget.take(head, keep=budget.cost(tail)):
        tally.left_out = _add(tally.left_out, len(shown), over=room <= 0)
        return []
    rows: list[str] = []
    for index, finding in enumerate(shown):
        if index >= room:
            tally.left_out = _add(tally.left_out, len(shown) - index, over=True)
            break
        if index == _SHOWN_PER_CONTROL:
            tally.left_out = replace(
                tally.left_out, per_control=tally.left_out.per_control + len(shown) - index
            )
            more = f"| | {len(shown) - index} more | | |"
            if budget.take([more], keep=budget.cost(tail)):
                rows.append(more)
            break
        line = _row(finding)
        if not budget.take([line], keep=budget.cost(tail)):
            tally.left_out = _add(tally.left_out, len(shown) - index, over=False)
            break
        rows.append(line)
        tally.listed += 1
    budget.take(tail)
    return [*head, *rows, *tail]


def _add(left_out: LeftOut, count: int, over: bool) -> LeftOut:
    if over:
        return replace(left_out, over_limit=left_out.over_limit + count)
    return replace(left_out, for_size=left_out.for_size + count)


def _bulleted(budget: _Budget, title: str, items: list[str]) -> list[str]:
    """A titled list, as far as the budget allows, saying how many items did not fit."""
    if not items:
        return []
    lines = [title, ""]
    budget.take(lines)
    for index, item in enumerate(items):
        # Room for the line saying how many more there are is kept at every step.
        more = f"- and {len(items) - index} more, left out {_SIZE_REASON}"
        if not budget.take([item], keep=budget.cost([more])):
            budget.take([more])
            lines.append(more)
            break
        lines.append(item)
    lines.append("")
    return lines


class MarkdownFormat(Format):
    """Markdown for a pull-request or merge-request comment, under GitHub's size limit."""

    name: ClassVar[str] = "markdown"

    def write(self, report: Report, stream: TextIO) -> None:
        head = [
            "## assaymark compliance check",
            "",
            summary_line(report),
            "",
        ]
        table = [
            "| framework | pass | fail | error | waived | baselined | requirements failing |",
            "|---|---|---|---|---|---|---|",
            *_framework_rows(report),
            "",
            *_coverage_lines(report),
        ]
        budget = _Budget(COMMENT_LIMIT - _LEFT_OUT_ROOM)
        budget.take([*head, *table])
        # Written after the controls but budgeted first: a source error explains an exit 3,
        # and is never crowded out by findings.
        errors = _bulleted(
            budget,
            "### Could not be read or resolved",
            [f"- `{cell(str(e.location))}`: {cell(e.message)}" for e in report.errors],
        )
        unused = _bulleted(
            budget,
            "### Waivers that matched no finding",
            [
                f"- `{cell(entry['control'])}` on `{cell(entry['resource'])}` "
                f"(ticket {cell(entry['ticket'])}, expires {entry['expires']})"
                for entry in report.waiver_statuses()
                if entry["status"] == "unused"
            ],
        )
        tally = _Tally()
        controls = self._controls(report, budget, tally)
        left_out = tally.left_out
        note = []
        if left_out.total:
            reasons = left_out.reasons(self.settings, _SIZE_REASON, _PER_CONTROL_REASON)
            note = [
                f"**{left_out.total} finding(s) left out** ({reasons}); "
                "the JSON report lists every finding.",
                "",
            ]
        stream.write("\n".join([*head, *note, *table, *controls, *errors, *unused]))

    def _controls(self, report: Report, budget: _Budget, tally: _Tally) -> list[str]:
        minimum = minimum_rank(self.settings)
        bad = [r for r in report.results if r.status in (Status.ERROR, Status.FAIL)]
        shown = []
        for result in bad:
            if severity_rank(result.control.severity) <= minimum:
                shown.append(result)
                continue
            count = sum(1 for f in result.findings if f.status in _LISTED)
            tally.left_out = replace(
                tally.left_out, below_severity=tally.left_out.below_severity + count
            )
        if not shown:
            return []
        lines = ["### Failing and erroring controls", ""]
        budget.take(lines)
        for result in sorted(
            shown,
            key=lambda r: (
                r.status is not Status.ERROR,
                severity_rank(r.control.severity),
                r.control.id,
            ),
        ):
            lines += _control_section(result, budget, tally, self.settings)
        return lines
