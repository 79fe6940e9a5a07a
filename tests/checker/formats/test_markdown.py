"""Markdown pull-request comments."""

from __future__ import annotations

import io

from checker.formats.markdown import MarkdownFormat, cell
from checker.results import Report


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
