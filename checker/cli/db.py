"""The database source on the command line: `scan db`, `collect db`, and the options they share."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from adapters.db import DatabaseAdapter
from adapters.db.registry import ENGINES
from checker.cli.database_options import database_options, database_targets
from checker.cli.output import progress
from checker.errors import UsageError
from checker.results import EXIT_NOT_EVALUATED, EXIT_OK
from checker.serialization import snapshot_to_dict


@click.group()
def collect() -> None:
    """Collect a source into a snapshot file, to evaluate later or elsewhere (offline)."""


@collect.command("db")
@database_options
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Where to write the snapshot (JSON).",
)
def collect_db(output: Path, **given: Any) -> int:
    """Read databases into a snapshot; `scan db --snapshot FILE` evaluates it offline."""
    adapter = DatabaseAdapter(database_targets(**given))
    with progress("Collecting databases..."):
        snapshot = adapter.collect()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(snapshot_to_dict(snapshot), indent=1) + "\n", "utf-8")
    except OSError as exc:
        raise UsageError(f"--output {output}: {exc.strerror}") from exc
    for error in snapshot.errors:
        click.echo(f"assaymark: {error.location}: {error.message}", err=True)
    click.echo(
        f"{len(snapshot.resources)} resources, {len(snapshot.errors)} errors written to {output}",
        err=True,
    )
    return EXIT_NOT_EVALUATED if snapshot.errors else EXIT_OK


@click.group("db")
def db() -> None:
    """Database helpers."""


@db.command("grants")
@click.option(
    "--engine",
    type=click.Choice(sorted({engine.name for engine in ENGINES.values()})),
    default=None,
    help="Only this engine's [default: every engine's].",
)
def db_grants(engine: str | None) -> int:
    """Print the SQL that sets up a least-privilege scanning user (read-only)."""
    for candidate in dict.fromkeys(ENGINES.values()):
        if engine is None or candidate.name == engine:
            click.echo(f"-- {candidate.name}")
            for line in candidate.permissions:
                click.echo(line)
    return EXIT_OK
