"""`--format junit`: JUnit XML for CI test reports (GitLab, Jenkins, Azure DevOps).

A test suite per control and a test case per resource: fail is a failure, error an error,
waived and baselined skipped. A control with nothing to evaluate has one skipped case saying
why; each suite carries the control's status as a property, so that the suites add up to the
summary. Waivers that matched no finding are listed in a suite of their own, with no test.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import ClassVar, TextIO

from checker.formats.base import Format
from checker.models import Status
from checker.results import Report

BASELINE_REASON = "in the baseline"
#: The suite that lists the waivers that matched no finding (it holds no test).
UNUSED_WAIVERS_SUITE = "assaymark.waivers"
_SKIPPED = {
    Status.NOT_APPLICABLE: "no resource in scope",
    Status.MANUAL: "needs a manual attestation",
}


def junit_tree(report: Report) -> ET.Element:
    """The report as a <testsuites> element."""
    seconds = f"{(report.finished - report.started).total_seconds():.3f}"
    root = ET.Element("testsuites", name="assaymark", time=seconds)
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.results:
        control = result.control
        suite = ET.SubElement(root, "testsuite", name=control.id)
        properties = ET.SubElement(suite, "properties")
        for name, text in (
            ("status", str(result.status)),
            ("severity", control.severity),
            ("title", control.title),
        ):
            ET.SubElement(properties, "property", name=name, value=text)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for finding in result.findings:
            case = ET.SubElement(suite, "testcase", classname=control.id, name=finding.subject)
            if finding.location.file:
                case.set("file", finding.location.file)
            if finding.location.line:
                case.set("line", str(finding.location.line))
            counts["tests"] += 1
            if finding.status is Status.FAIL:
                element = ET.SubElement(case, "failure", message=finding.message, type="fail")
                element.text = f"{finding.location}: {finding.message}\n{control.remediation}"
                counts["failures"] += 1
            elif finding.status is Status.ERROR:
                ET.SubElement(case, "error", message=finding.message, type="error")
                counts["errors"] += 1
            elif finding.status is Status.WAIVED:
                reason = finding.waiver.reason if finding.waiver is not None else ""
                ET.SubElement(case, "skipped", message=f"waived: {reason}")
                counts["skipped"] += 1
            elif finding.status is Status.BASELINED:
                ET.SubElement(case, "skipped", message=BASELINE_REASON)
                counts["skipped"] += 1
        if not result.findings:
            case = ET.SubElement(suite, "testcase", classname=control.id, name=str(result.status))
            ET.SubElement(case, "skipped", message=_SKIPPED.get(result.status, str(result.status)))
            counts["tests"] += 1
            counts["skipped"] += 1
        for key, number in counts.items():
            suite.set(key, str(number))
            totals[key] += number
    if report.errors:
        suite = ET.SubElement(root, "testsuite", name="assaymark.sources")
        for error in report.errors:
            case = ET.SubElement(
                suite, "testcase", classname=error.source, name=str(error.location)
            )
            ET.SubElement(case, "error", message=error.message, type="source-error")
        count = len(report.errors)
        for key, number in (("tests", count), ("failures", 0), ("errors", count), ("skipped", 0)):
            suite.set(key, str(number))
            totals[key] += number
    _unused_waivers(root, report)
    for key, number in totals.items():
        root.set(key, str(number))
    return root


def _unused_waivers(root: ET.Element, report: Report) -> None:
    unused = [entry for entry in report.waiver_statuses() if entry["status"] == "unused"]
    if not unused:
        return
    suite = ET.SubElement(root, "testsuite", name=UNUSED_WAIVERS_SUITE)
    for key in ("tests", "failures", "errors", "skipped"):
        suite.set(key, "0")
    properties = ET.SubElement(suite, "properties")
    lines = []
    for entry in unused:
        text = (
            f"{entry['control']} on {entry['resource']} (ticket {entry['ticket']}, "
            f"expires {entry['expires']})"
        )
        ET.SubElement(properties, "property", name="unused-waiver", value=text)
        lines.append(f"The waiver for {text} matched no finding.")
    ET.SubElement(suite, "system-out").text = "\n".join(lines)


class JunitFormat(Format):
    """JUnit XML."""

    name: ClassVar[str] = "junit"

    def write(self, report: Report, stream: TextIO) -> None:
        tree = ET.ElementTree(junit_tree(report))
        ET.indent(tree)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        tree.write(stream, encoding="unicode")
        stream.write("\n")
