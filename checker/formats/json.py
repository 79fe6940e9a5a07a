"""`--format json`: the JSON report whose keys are a contract (docs/contracts.md)."""

from __future__ import annotations

import json
from typing import Any, ClassVar, TextIO

from checker.formats.base import Format
from checker.requirements import coverage, report_verdicts
from checker.results import Report


def dump_json(data: Any, stream: TextIO) -> None:
    """Write JSON without indentation: Python's fast encoder does not indent, and reports of
    thousands of findings are read by machines (or `jq`) anyway."""
    stream.write(json.dumps(data, ensure_ascii=False))
    stream.write("\n")


class JsonFormat(Format):
    """The report as JSON, for scripts and for later comparison."""

    name: ClassVar[str] = "json"

    def write(self, report: Report, stream: TextIO) -> None:
        data = report.to_dict()
        verdicts = report_verdicts(report)
        data["requirements"] = [verdict.to_dict() for verdict in verdicts]
        data["coverage"] = coverage(verdicts)
        dump_json(data, stream)
