"""The database source on the command line: `scan db`, `collect db`, and the options they share."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from adapters.db import DatabaseAdapter
from adapters.db.registry import ENGINES
from checker.cli.database_options import (
    DEFAULT_ROLES_SHOWN,
    database_options,
    database_targets,
    timeout_options,
)
from checker.cli.output import ScanOptions, config_option, progress, scan_options
from checker.cli.scan import scan_source
from checker.errors import UsageError
from checker.models import Unresolved
from checker.results import EXIT_NOT_EVALUATED, EXIT_OK
from checker.serialization import snapshot_to_dict

if TYPE_CHECKING:
    from adapters.db.engine import Dsn


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


#: The control `db diff` evaluates unless --control names others.
DRIFT_CONTROL = "pci-6.5.1-db-schema-drift"


def _dsn(option: str, text: str | None, variable: str | None) -> Dsn:
    from adapters.base import AdapterError
    from adapters.db import dsn_from_environment, parse_dsn

    if (text is None) == (variable is None):
        raise UsageError(f"give one of --{option} and --{option}-env")
    try:
        return parse_dsn(text) if text is not None else dsn_from_environment(str(variable))
    except AdapterError as exc:
        raise UsageError(f"--{option}: {exc}") from exc


@db.command("diff")
@click.option("--dsn", metavar="DSN", help="The database to check (its password from the "
              "environment: PGPASSWORD/PGPASSFILE or MYSQL_PWD).")  # fmt: skip
@click.option("--dsn-env", metavar="VAR", help="An environment variable holding it instead.")
@click.option("--against", metavar="DSN", help="The known-good database it should match.")
@click.option("--against-env", metavar="VAR", help="An environment variable holding it instead.")
@timeout_options
@config_option
@scan_options
def db_diff(
    dsn: str | None,
    dsn_env: str | None,
    against: str | None,
    against_env: str | None,
    connect_timeout: float,
    statement_timeout: float,
    config_file: Path | None,
    **shared: Any,
) -> int:
    """Compare a database with a known-good one, object by object (tables, columns, constraints,
    indexes, views, functions, row-level security, policies, grants, default privileges):
    each difference is a finding of the drift control. Both are read read-only."""
    from adapters.db.diff import DatabaseDiff
    from adapters.db.engine import CollectOptions

    options = ScanOptions.from_command_line(shared, config_file=config_file)
    if not options.control_ids:
        options = replace(options, control_ids=(DRIFT_CONTROL,))
    collect = CollectOptions(
        untrusted_roles=(), connect_timeout=connect_timeout, statement_timeout=statement_timeout
    )
    adapter = DatabaseDiff(
        _dsn("dsn", dsn, dsn_env), _dsn("against", against, against_env), collect
    )
    return scan_source(adapter, options)


@db.command("expectations")
@click.option("--dsn", metavar="DSN", help="The database to read (a shadow or a known-good one).")
@click.option("--dsn-env", metavar="VAR", help="An environment variable holding it instead.")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Where to write the expectations (YAML).",
)
@click.option(
    "--untrusted-role",
    "untrusted_roles",
    multiple=True,
    metavar="ROLE",
    help="A role that must keep no privilege on the tables it has none on today (repeatable) "
    f"[default: {DEFAULT_ROLES_SHOWN}; PUBLIC always].",
)
@timeout_options
def db_expectations(
    dsn: str | None,
    dsn_env: str | None,
    output: Path,
    untrusted_roles: tuple[str, ...],
    connect_timeout: float,
    statement_timeout: float,
) -> int:
    """Write the expectations a database meets today (tables, columns, row-level security,
    grants, and ALL revoked from untrusted roles), as a starting file for `--expectations`."""
    from adapters.base import AdapterError
    from adapters.db.adapter import engine_for
    from adapters.db.drift import expectations_text
    from adapters.db.engine import DEFAULT_UNTRUSTED_ROLES, CollectOptions

    database = _dsn("dsn", dsn, dsn_env)
    options = CollectOptions(
        untrusted_roles=untrusted_roles or DEFAULT_UNTRUSTED_ROLES,
        roles_named=bool(untrusted_roles),
        connect_timeout=connect_timeout,
        statement_timeout=statement_timeout,
    )
    with progress(f"Reading {database}..."):
        catalog = engine_for(database).collect(database, options)
    unknown = [role for role in untrusted_roles if role not in catalog.untrusted_roles]
    if unknown and not isinstance(catalog.roles, Unresolved):
        raise UsageError(f"--untrusted-role {', '.join(unknown)}: no such role in {database}")
    try:
        text = expectations_text(catalog, str(database))
    except AdapterError as exc:
        click.echo(f"assaymark: {exc}", err=True)
        return EXIT_NOT_EVALUATED
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--output {output}: {exc.strerror}") from exc
    click.echo(f"expectations of {database} written to {output}", err=True)
    return EXIT_OK


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
