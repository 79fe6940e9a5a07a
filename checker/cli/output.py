"""Options every scan shares, and writing the report where the user asked."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console

from checker.errors import OutputError, UsageError
from checker.evidence.bundle import BundleRequest, write_bundle
from checker.evidence.destination import BundleDestination
from checker.files import replaced_whole
from checker.formats import FORMATS
from checker.formats.text import summary_line
from checker.models import Snapshot
from checker.policy import Control, Overrides
from checker.results import Report
from checker.waivers import Waiver, load_waivers

F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class ScanOptions:
    """What every `scan` takes besides its source."""

    frameworks: tuple[str, ...]
    control_ids: tuple[str, ...]
    policy_dirs: tuple[Path, ...]
    format_name: str | None
    output: Path | None
    evidence: Path | None
    sign_key: Path | None
    waivers_file: Path | None

    def waivers(self) -> tuple[Waiver, ...]:
        """The waivers given with --waivers, checked before anything runs."""
        if self.sign_key is not None and self.evidence is None:
            raise UsageError("--sign-key signs an evidence bundle: give --evidence DIR too")
        return load_waivers(self.waivers_file) if self.waivers_file is not None else ()

    def destinations(self) -> BundleDestination | None:
        """Check, before anything runs, where the report and the bundle will go.

        Returns the bundle's destination, if one was asked for; raises UsageError for an
        --output that is a folder and for an --evidence folder that holds anything but a bundle.
        """
        if self.output is not None and self.output.is_dir():
            raise UsageError(f"--output {self.output}: is a folder; give a file name")
        return BundleDestination.claim(self.evidence) if self.evidence is not None else None


policies_option = click.option(
    "--policies",
    "policy_dirs",
    multiple=True,
    metavar="DIR",
    type=click.Path(path_type=Path),
    help="A folder of more controls, added to the built-in library.",
)


text_or_json_option = click.option(
    "--format",
    "format_name",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)


def scan_options(command: F) -> F:
    """Add the shared options (the command line of docs/contracts.md) to a scan command."""
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
            default=None,
            help="Output format [default: text].",
        ),
        click.option(
            "--output",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Write the report here instead of standard output.",
        ),
        click.option(
            "--evidence",
            type=click.Path(file_okay=False, path_type=Path),
            metavar="DIR",
            help="Write an evidence bundle (manifest, snapshot, evidence per control) here.",
        ),
        click.option(
            "--sign-key",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="KEY",
            help="Sign the bundle's manifest with this Ed25519 key (`assaymark keygen`).",
        ),
        click.option(
            "--waivers",
            "waivers_file",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Accepted risks (YAML), each with justification, approver, ticket and expiry.",
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


def finish(
    report: Report,
    snapshots: Sequence[Snapshot],
    controls: Sequence[Control],
    options: ScanOptions,
    destination: BundleDestination | None,
    overrides: Overrides | None = None,
    excerpt_roots: Sequence[Path] = (),
) -> int:
    """Write the evidence bundle if asked, then the report; return the exit code it calls for.

    Source excerpts in the bundle come only from files under `excerpt_roots`.
    """
    if destination is not None:
        request = BundleRequest(
            tuple(sys.argv), options.sign_key, overrides or Overrides(), tuple(excerpt_roots)
        )
        with progress("Writing the evidence bundle..."):
            write_bundle(destination, report, snapshots, controls, request)
        click.echo(f"evidence bundle written to {options.evidence}", err=True)
    return write_report(report, options)


def write_report(report: Report, options: ScanOptions) -> int:
    """Write the report in the chosen format; return the exit code it calls for."""
    formatter = FORMATS[options.format_name or "text"]()
    if options.output is None:
        formatter.write(report, sys.stdout)
        return report.exit_code
    try:
        with replaced_whole(options.output) as stream:
            formatter.write(report, stream)
    except OSError as exc:
        raise OutputError(
            f"--output {options.output}: cannot write the report: {exc.strerror}; "
            "the file was left as it was"
        ) from exc
    click.echo(f"{summary_line(report)}; report written to {options.output}", err=True)
    return report.exit_code
