"""Output formats, by the name --format takes: one line adds a format."""

from __future__ import annotations

from checker.formats.base import Format, FormatError
from checker.formats.gitlab import GitlabFormat
from checker.formats.html import HtmlFormat
from checker.formats.json import JsonFormat
from checker.formats.junit import JunitFormat
from checker.formats.markdown import MarkdownFormat
from checker.formats.oscal import OscalFormat
from checker.formats.pdf import PdfFormat
from checker.formats.sarif import SarifFormat
from checker.formats.text import TextFormat

FORMATS: dict[str, type[Format]] = {
    TextFormat.name: TextFormat,
    JsonFormat.name: JsonFormat,
    SarifFormat.name: SarifFormat,
    JunitFormat.name: JunitFormat,
    MarkdownFormat.name: MarkdownFormat,
    OscalFormat.name: OscalFormat,
    HtmlFormat.name: HtmlFormat,
    PdfFormat.name: PdfFormat,
    GitlabFormat.name: GitlabFormat,
}

__all__ = ["FORMATS", "Format", "FormatError"]
