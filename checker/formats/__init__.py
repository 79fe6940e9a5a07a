"""Output formats, by the name --format takes: one line adds a format."""

from __future__ import annotations

from checker.formats.base import Format, FormatError
from checker.formats.json import JsonFormat
from checker.formats.text import TextFormat

FORMATS: dict[str, type[Format]] = {
    TextFormat.name: TextFormat,
    JsonFormat.name: JsonFormat,
}

__all__ = ["FORMATS", "Format", "FormatError"]
