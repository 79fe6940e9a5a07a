"""Markdown pull-request comments."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from typing import Any

from checker.formats.base import FormatSettings
from checker.formats.markdown import COMMENT_LIMIT, MarkdownFormat, cell
from checker.models import Location, SourceError, Status
from checker.results import Report
from tests.checker.formats.synthetic import graded_report, large_report, with_baseline


def test_summary_per_framework_then_failing_controls(report: Report) -> None:
    stream = io.StringIO()
    MarkdownFormat().write(report, stream)
    text = stream.getvalue()
    assert "| PCI DSS v4.0 |" in text
    assert "| GDPR |" in text
    assert "<code>pci-1.4.4-rds-not-public</code>" in text
    assert "`examples/terraform/insecure/data.tf:6`" in text
    assert "### Could not be read or resolved" in text
    assert text.index("<b>ERROR</b>") < text.index("<b>FAIL</b>")


def test_table_cells_are_escaped() -> None:
    assert cell("a|b\nc") == "a\\|b c"


def markdown(report: Report, **settings: Any) -> str:
    stream = io.StringIO()
    MarkdownFormat(FormatSettings(**settings)).write(report, stream)
    return stream.getvalue()


def test_twelve_thousand_findings_fit_githubs_limit_and_say_what_was_left_out() -> None:
    report = large_report()
    text = markdown(report)
    assert len(text) <= COMMENT_LIMIT
    failing = sum(
        1 for r in report.results for f in r.findings if f.status in (Status.FAIL, Status.ERROR)
    )
    rows = [line for line in text.splitlines() if line.startswith(("| fail |", "| error |"))]
    left_out = re.search(r"\*\*(\d+) finding\(s\) left out\*\* \((.*)\)", text)
    assert left_out is not None
    assert int(left_out.group(1)) == failing - len(rows)
    assert "to keep this comment under GitHub's 65,536 characters" in left_out.group(2)
    # The statement comes right below the summary, and the critical controls first.
    assert text.index("left out") < text.index("| framework |")
    assert "(critical, " in text.split("<details>", 2)[1]
    assert text.endswith(
        "</details>\n\n### Waivers that matched no finding\n\n"
        "- `test-synthetic-000` on `aws_s3_bucket.gone` (ticket RISK-77, "
        "expires 2030-01-01)\n"
    )


def test_max_results_and_min_severity_bound_the_rows() -> None:
    text = markdown(graded_report(), max_results=3, min_severity="medium")
    rows = [line for line in text.splitlines() if line.startswith(("| fail |", "| error |"))]
    assert len(rows) == 3
    assert "<code>test-synthetic-003</code>" not in text
    assert "4 below --min-severity medium" in text
    assert "3 over --max-results 3" in text
    assert "**7 finding(s) left out**" in text


def test_nothing_left_out_says_nothing(report: Report) -> None:
    assert "left out" not in markdown(report)


def test_baselined_controls_are_counted_and_unused_waivers_listed(report: Report) -> None:
    text = markdown(with_baseline(report))
    assert "| framework | pass | fail | error | waived | baselined |" in text
    pci = next(line for line in text.splitlines() if line.startswith("| PCI DSS v4.0 |"))
    assert pci.split(" | ")[5] == "1"
    assert "<code>pci-1.4.4-rds-not-public</code>" not in text
    assert "- `pci-1.4.4-rds-not-public` on `aws_db_instance.retired` (ticket RISK-404" in text


def test_source_errors_are_never_crowded_out() -> None:
    report = large_report()
    errors = tuple(
        SourceError("terraform", f"not valid HCL number {n}", Location(f"x{n}.tf", 1))
        for n in range(5000)
    )
    text = markdown(replace(report, errors=errors))
    assert len(text) <= COMMENT_LIMIT
    assert "`x0.tf:1`: not valid HCL number 0" in text
    assert re.search(r"- and \d+ more, left out to keep this comment under", text)
