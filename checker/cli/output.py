"""Options every scan shares, and writing the report where the user asked."""

from __future__ import annotations

import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from checker.errors import UsageError
from checker.formats import FORMATS
from checker.formats.text import summary_line
from checker.results import Report

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class ScanOptions:
    """What every `scan` takes besides its source."""

    frameworks: tuple[str, ...]
    control_ids: tuple[str, ...]
    policy_dirs: tuple[Path, ...]
    format_name: str
    output: Path | None


policies_option = click.option(
    "--policies",
    "policy_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="A folder of more controls, added to the built-in library.",
)


def scan_options(command: F) -> F:
    """Add the shared options (DESIGN.md's command-line contract) to a scan command."""
    options = [
        click.option(
            "--framework",
            "frameworks",
            multiple=True,
            metavar="ID",
            help="Only controls mapped to this framework (pci-dss-4.0, gdpr).",
        ),
        click.option(
            "--control",
            "control_ids",
            multiple=True,
            metavar="ID",
            help="Only this control (repeatable).",
        ),
        policies_option,
        click.option(
            "--format",
            "format_name",
            type=click.Choice(sorted(FORMATS)),
            default="text",
            show_default=True,
            help="Output format.",
        ),
        click.option(
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Write the report here instead of standard output.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def progress(message: str) -> AbstractContextManager[object]:
    """A spinner on standard error while long work runs, when a person is watching."""
    if not sys.stderr.isatty():
        return nullcontext()
    return Console(stderr=True).status(message)


def write_report(report: Report, options: ScanOptions) -> int:
    """Write the report in the chosen format; return the exit code it calls for."""
    formatter = FORMATS[options.format_name]()
    if options.output is None:
        formatter.write(report, sys.stdout)
        return report.exit_code
    try:
        options.output.parent.mkdir(parents=True, exist_ok=True)
        with options.output.open("w", encoding="utf-8") as stream:
            formatter.write(report, stream)
    except OSError as exc:
        raise UsageError(f"--output {options.output}: {exc.strerror}") from exc
    click.echo(f"{summary_line(report)}; report written to {options.output}", err=True)
    return report.exit_code
