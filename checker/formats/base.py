"""The interface every output format implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar, TextIO

from checker.errors import AssaymarkError
from checker.results import Report


class FormatError(AssaymarkError):
    """A report cannot be written in the requested format."""


class Format(ABC):
    """Writes a report for people or for machines."""

    #: The name users give to --format.
    name: ClassVar[str]

    @abstractmethod
    def write(self, report: Report, stream: TextIO) -> None:
        """Write the report to an open text stream."""
