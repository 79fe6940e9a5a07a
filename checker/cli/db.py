"""The database source on the command line: `scan db`, `collect db`, and the options they share."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from adapters.base import AdapterError
from adapters.db import (
    CollectOptions,
    DatabaseAdapter,
    DatabaseTarget,
    DataMap,
    dsn_from_environment,
    load_data_map,
    load_expectations,
    parse_dsn,
)
from adapters.db.adapter import sample_text_columns
from adapters.db.engine import DEFAULT_UNTRUSTED_ROLES
from adapters.db.registry import ENGINES
from checker.cli.output import progress
from checker.errors import UsageError
from checker.models import Snapshot
from checker.results import EXIT_NOT_EVALUATED, EXIT_OK
from checker.serialization import snapshot_from_dict, snapshot_to_dict

F = TypeVar("F", bound=Callable[..., Any])


def database_options(command: F) -> F:
    """The options that say which databases to read and what to hold them against."""
    options = [
        click.option(
            "--dsn",
            "dsns",
            multiple=True,
            metavar="DSN",
            help="postgresql://USER@HOST[:PORT]/DB or mysql://... (repeatable). The password "
            "comes from PGPASSWORD/PGPASSFILE or MYSQL_PWD, never from the command line.",
        ),
        click.option(
            "--dsn-env",
            "dsn_envs",
            multiple=True,
            metavar="VAR",
            help="An environment variable holding a whole connection string (repeatable).",
        ),
        click.option(
            "--data-map",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="Which tables and columns hold card, cardholder or personal data (YAML).",
        ),
        click.option(
            "--expectations",
            type=click.Path(dir_okay=False, path_type=Path),
            metavar="FILE",
            help="What the migrations claim (tables, columns, RLS, grants): drift is reported.",
        ),
        click.option(
            "--untrusted-role",
            "untrusted_roles",
            multiple=True,
            metavar="ROLE",
            help="A role whose effective privileges are checked (repeatable) "
            f"[default: {', '.join(DEFAULT_UNTRUSTED_ROLES)}; PUBLIC always].",
        ),
        click.option(
            "--sample",
            type=click.IntRange(min=0),
            default=0,
            metavar="N",
            help="Read N rows of each table's text columns for card numbers stored in clear "
            "(only counts and masked numbers are kept) [default: 0, no sampling].",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def database_targets(
    dsns: Sequence[str],
    dsn_envs: Sequence[str],
    data_map: Path | None,
    expectations: Path | None,
    untrusted_roles: Sequence[str],
    sample: int,
) -> list[DatabaseTarget]:
    """The databases the options name, with the files they refer to read and checked."""
    try:
        parsed = [parse_dsn(text) for text in dsns]
        parsed += [dsn_from_environment(name) for name in dsn_envs]
        mapping = load_data_map(data_map) if data_map is not None else DataMap()
        expected = load_expectations(expectations) if expectations is not None else None
    except AdapterError as exc:
        raise UsageError(str(exc)) from exc
    if not parsed:
        raise UsageError("give a database with --dsn or --dsn-env")
    options = CollectOptions(
        untrusted_roles=tuple(untrusted_roles) or DEFAULT_UNTRUSTED_ROLES,
        sample_rows=sample,
        sample_column=sample_text_columns if sample else None,
    )
    return [DatabaseTarget(dsn, mapping, expected, options) for dsn in parsed]


def read_snapshot(path: Path, source: str) -> Snapshot:
    """A snapshot written by `collect`, checked to be of `source`."""
    try:
        snapshot = snapshot_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise UsageError(f"--snapshot {path}: {exc.strerror}") from exc
    except (ValueError, KeyError, TypeError, RecursionError) as exc:
        raise UsageError(f"--snapshot {path}: not an assaymark snapshot: {exc}") from exc
    if snapshot.source != source:
        raise UsageError(f"--snapshot {path}: a {snapshot.source} snapshot, not {source}")
    return snapshot


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
