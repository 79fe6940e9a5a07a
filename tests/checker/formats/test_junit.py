"""JUnit XML: parses with a standard parser; its counts add up to the findings and summary."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections import Counter

from checker.formats.junit import JunitFormat
from checker.models import Status
from checker.results import Report
from tests.checker.formats.synthetic import with_baseline


def parse(report: Report) -> ET.Element:
    stream = io.StringIO()
    JunitFormat().write(report, stream)
    return ET.fromstring(stream.getvalue().split("\n", 1)[1])


def test_counts_match_the_findings_and_the_summary(report: Report) -> None:
    root = parse(report)
    findings = Counter(f.status for r in report.results for f in r.findings)
    assert int(root.get("failures", "")) == findings[Status.FAIL]
    assert int(root.get("errors", "")) == findings[Status.ERROR] + len(report.errors)
    suites = [s for s in root.iter("testsuite") if s.get("name") != "assaymark.sources"]
    statuses = Counter(
        p.get("value") for s in suites for p in s.iter("property") if p.get("name") == "status"
    )
    assert {k: v for k, v in report.summary.items() if v} == dict(statuses)
    assert sum(int(s.get("tests", "")) for s in root.iter("testsuite")) == int(
        root.get("tests", "")
    )


def test_each_status_has_its_element(report: Report) -> None:
    root = parse(report)
    kinds = {child.tag for case in root.iter("testcase") for child in case}
    assert {"failure", "error", "skipped"} <= kinds
    case = next(c for c in root.iter("testcase") if c.get("name") == "aws_db_instance.payments")
    assert case.get("file") == "examples/terraform/insecure/data.tf"


def test_baselined_findings_are_skipped_and_unused_waivers_listed(report: Report) -> None:
    baselined = with_baseline(report)
    root = parse(baselined)
    case = next(
        c
        for c in root.iter("testcase")
        if c.get("classname") == "pci-1.4.4-rds-not-public"
        and c.get("name") == "aws_db_instance.payments"
    )
    (skipped,) = case.iter("skipped")
    assert skipped.get("message") == "in the baseline"
    findings = Counter(f.status for r in baselined.results for f in r.findings)
    assert int(root.get("failures", "")) == findings[Status.FAIL]
    waivers = next(s for s in root.iter("testsuite") if s.get("name") == "assaymark.waivers")
    assert waivers.get("tests") == "0"
    (unused,) = [p.get("value") for p in waivers.iter("property")]
    assert unused is not None and "aws_db_instance.retired" in unused and "RISK-404" in unused
    assert "matched no finding" in (waivers.findtext("system-out") or "")
    assert sum(int(s.get("tests", "")) for s in root.iter("testsuite")) == int(
        root.get("tests", "")
    )
