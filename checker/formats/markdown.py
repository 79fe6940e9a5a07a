"""`--format markdown`: a pull-request comment: a summary per framework, then what to fix."""

from __future__ import annotations

from collections import Counter
from typing import ClassVar, TextIO

from checker.formats.base import Format
from checker.formats.text import summary_line
from checker.library import requirement_order
from checker.models import Status
from checker.results import ControlResult, Report

_SHOWN_PER_CONTROL = 20
_FRAMEWORK_TITLES = {"pci-dss-4.0": "PCI DSS v4.0", "gdpr": "GDPR"}


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
            f"| {counts[Status.WAIVED]} | {cell(', '.join(failing)) or '-'} |"
        )
    return rows


def _control_section(result: ControlResult) -> list[str]:
    control = result.control
    shown = [f for f in result.findings if f.status in (Status.FAIL, Status.ERROR)]
    lines = [
        f"<details><summary><b>{str(result.status).upper()}</b> <code>{control.id}</code> "
        f"{cell(control.title)} ({control.severity}, {len(shown)} resource(s))</summary>",
        "",
        "| status | resource | location | finding |",
        "|---|---|---|---|",
    ]
    for finding in shown[:_SHOWN_PER_CONTROL]:
        lines.append(
            f"| {finding.status} | `{cell(finding.subject)}` | `{cell(str(finding.location))}` "
            f"| {cell(finding.message)} |"
        )
    if len(shown) > _SHOWN_PER_CONTROL:
        lines.append(f"| | {len(shown) - _SHOWN_PER_CONTROL} more | | |")
    lines += ["", f"**Fix:** {cell(control.remediation)}", "", "</details>", ""]
    return lines


class MarkdownFormat(Format):
    """Markdown for a pull-request or merge-request comment."""

    name: ClassVar[str] = "markdown"

    def write(self, report: Report, stream: TextIO) -> None:
        lines = [
            "## assaymark compliance check",
            "",
            summary_line(report),
            "",
            "| framework | pass | fail | error | waived | requirements failing |",
            "|---|---|---|---|---|---|",
            *_framework_rows(report),
            "",
        ]
        bad = [r for r in report.results if r.status in (Status.ERROR, Status.FAIL)]
        if bad:
            lines += ["### Failing and erroring controls", ""]
            for result in sorted(bad, key=lambda r: (r.status is not Status.ERROR, r.control.id)):
                lines += _control_section(result)
        if report.errors:
            lines += ["### Could not be read or resolved", ""]
            lines += [f"- `{cell(str(e.location))}`: {cell(e.message)}" for e in report.errors]
            lines.append("")
        stream.write("\n".join(lines))
