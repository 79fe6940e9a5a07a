"""The interface every output format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, TextIO

from checker.errors import AssaymarkError
from checker.results import Report


class FormatError(AssaymarkError):
    """A report cannot be written in the requested format."""


@dataclass(frozen=True)
class FormatSettings:
    """How the user asked a report to be written; each format reads what applies to it.

    `max_results` and `min_severity` bound what is listed (the formats that are read where
    space is limited state how many were left out); `compact` lists only failing and erroring
    findings and the summary line; `repository_root` is what file paths in the report are made
    relative to (found from git by the CLI); `anchor` is a file of the user's repository that
    findings without a file of their own (AWS, databases) are placed at where a format needs a
    file, such as the configuration file.
    """

    max_results: int | None = None
    min_severity: str | None = None
    compact: bool = False
    repository_root: Path | None = None
    anchor: str | None = None


class Format(ABC):
    """Writes a report for people or for machines."""

    #: The name users give to --format.
    name: ClassVar[str]
    #: Whether the report is bytes (PDF), written only to a file, never to standard output.
    binary: ClassVar[bool] = False

    def __init__(self, settings: FormatSettings | None = None) -> None:
        self.settings = settings or FormatSettings()

    @abstractmethod
    def write(self, report: Report, stream: TextIO) -> None:
        """Write the report to an open text stream."""
