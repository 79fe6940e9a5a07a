"""`assaymark checkov`: checkov's own environment, kept apart from assaymark's."""

from __future__ import annotations

from pathlib import Path

import click

from adapters.base import AdapterError
from adapters.checkov import default_home, install
from adapters.checkov.install import CHECKOV_REQUIREMENT
from checker.errors import UsageError
from checker.results import EXIT_OK


@click.group("checkov")
def checkov() -> None:
    """checkov as an extra evidence source (`scan terraform --checkov`)."""


@checkov.command("install")
@click.option(
    "--path",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Where to create checkov's environment "
    "[default: $ASSAYMARK_CHECKOV_HOME or ~/.cache/assaymark/checkov].",
)
@click.option(
    "--requirement",
    default=CHECKOV_REQUIREMENT,
    show_default=True,
    help="The checkov release(s) to install, as pip takes them.",
)
def checkov_install(path: Path | None, requirement: str) -> int:
    """Create checkov's own virtual environment and install checkov into it."""
    home = path or default_home()
    click.echo(f"installing {requirement} into {home} (its own environment)", err=True)
    try:
        version = install(home, requirement, echo=lambda line: click.echo(line, err=True))
    except AdapterError as exc:
        raise UsageError(str(exc)) from exc
    click.echo(f"checkov {version} is ready at {home}", err=True)
    return EXIT_OK
