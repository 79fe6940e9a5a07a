"""`--format json`: the JSON report whose keys are a contract (DESIGN.md)."""

from __future__ import annotations

import json
from typing import ClassVar, TextIO

from checker.formats.base import Format
from checker.results import Report


class JsonFormat(Format):
    """The report as JSON, for scripts and for later comparison."""

    name: ClassVar[str] = "json"

    def write(self, report: Report, stream: TextIO) -> None:
        json.dump(report.to_dict(), stream, indent=2)
        stream.write("\n")
