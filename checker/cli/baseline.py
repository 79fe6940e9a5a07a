"""`assaymark baseline create`: record a code base's failures today, so that CI fails only on
new ones (`--baseline FILE` on the scan)."""

from __future__ import annotations

from pathlib import Path

import click

from checker.baseline import DEFAULT_FILE
from checker.cli.output import CREATE_BASELINE
from checker.cli.run import run
from checker.cli.scan import scan


@click.group()
def baseline() -> None:
    """Adopt assaymark on an existing code base: set today's failures aside."""


@baseline.group("create")
@click.option(
    "-o",
    "--output",
    "baseline_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_FILE,
    show_default=True,
    metavar="FILE",
    help="Where to write the baseline (replaced whole).",
)
@click.pass_context
def create(context: click.Context, baseline_file: Path) -> None:
    """Scan as `assaymark scan SOURCE ...` (or `run`) does, and write every failing finding
    to FILE. Exit 0 once it is written; 3 if something could not be evaluated (errors are
    never baselined).

    \b
    assaymark baseline create terraform infra/
    assaymark scan terraform infra/ --baseline .assaymark-baseline.json
    """
    context.meta[CREATE_BASELINE] = baseline_file


# The very commands of `scan` (and `run`): the same options, the same collection.
for _command in scan.commands.values():
    create.add_command(_command)
create.add_command(run)
