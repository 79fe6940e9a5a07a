"""`--format pdf`: the HTML report as an auditor prints it, rendered by headless Chromium.

The PDF is the HTML report's own print layout (every collapsed section open, table headers
repeated on each page), so the two never disagree. Chromium is found on the PATH (`chromium`,
`chromium-browser`, `google-chrome`) or named by `ASSAYMARK_CHROMIUM`; without it the format
is refused with how to install it, and nothing is written.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import ClassVar, TextIO

from checker.errors import OutputError
from checker.formats.base import Format, FormatError
from checker.formats.html import HtmlFormat
from checker.results import Report

CHROMIUM_VARIABLE = "ASSAYMARK_CHROMIUM"
_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_TIMEOUT_SECONDS = 180
# Headless, offline and quiet: no first-run, sync or component downloads (there may be no
# network), no GPU, and no header or footer of Chromium's own on the pages.
_FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
)


def find_chromium() -> str:
    """The Chromium (or Chrome) executable to render with, or a FormatError saying how to get
    one."""
    named = os.environ.get(CHROMIUM_VARIABLE)
    if named:
        found = shutil.which(named)
        if found is None:
            raise FormatError(f"--format pdf: {CHROMIUM_VARIABLE}={named} is not an executable")
        return found
    for candidate in _CANDIDATES:
        found = shutil.which(candidate)
        if found is not None:
            return found
    raise FormatError(
        "--format pdf renders the HTML report with headless Chromium, which is not installed: "
        "install it (Debian: apt-get install chromium) or name it with "
        f"{CHROMIUM_VARIABLE}, or write --format html and print that"
    )


def render_pdf(html: str, chromium: str) -> bytes:
    """The PDF Chromium prints of an HTML page."""
    with tempfile.TemporaryDirectory(prefix="assaymark-pdf-") as folder:
        page, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        # Chromium refuses to run as root inside its sandbox.
        sandbox = ("--no-sandbox",) if hasattr(os, "geteuid") and os.geteuid() == 0 else ()
        command = [
            chromium,
            *_FLAGS,
            *sandbox,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=_TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise OutputError(
                f"--format pdf: Chromium did not finish within {_TIMEOUT_SECONDS} s"
            ) from exc
        except OSError as exc:
            raise OutputError(f"--format pdf: cannot run {chromium}: {exc.strerror}") from exc
        content = pdf.read_bytes() if pdf.is_file() else b""
        if done.returncode != 0 or not content.startswith(b"%PDF"):
            said = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise OutputError(
                f"--format pdf: Chromium printed no PDF (exit {done.returncode}): {said[0]}"
            )
        return content


class PdfFormat(Format):
    """The HTML report, printed to PDF by headless Chromium."""

    name: ClassVar[str] = "pdf"
    binary: ClassVar[bool] = True

    def write(self, report: Report, stream: TextIO) -> None:
        if stream is sys.stdout or stream.isatty():
            raise FormatError("--format pdf writes a file: give --format pdf:FILE")
        chromium = find_chromium()
        html = io.StringIO()
        HtmlFormat(self.settings).write(report, html)
        content = render_pdf(html.getvalue(), chromium)
        stream.flush()
        stream.buffer.write(content)
        stream.buffer.flush()
