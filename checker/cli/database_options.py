"""The options that name databases, shared by `scan db`, `collect db` and `run`.

The database adapter is imported when databases are read, not to define these options: the
commands that scan Terraform start without it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from checker.errors import UsageError
from checker.models import Snapshot
from checker.serialization import snapshot_from_dict

if TYPE_CHECKING:
    from adapters.db import DatabaseTarget
    from adapters.db.migrations import MigrationsSource

#: The roles checked when --untrusted-role is not given (as adapters.db.engine has them).
DEFAULT_ROLES_SHOWN = "anon, authenticated"
#: The --preset choices (as adapters.db.presets has them).
PRESET_NAMES = ("supabase",)

#: The --migrations-tool choices (as adapters.db.migrations.registry has them).
MIGRATION_TOOLS = (
    "alembic",
    "dbmate",
    "django",
    "flyway",
    "golang-migrate",
    "knex",
    "liquibase",
    "prisma",
    "rails",
    "supabase",
)

#: The keyword arguments `database_options` adds to a command, for `database_targets`.
DATABASE_OPTION_NAMES = (
    "dsns",
    "dsn_envs",
    "data_map",
    "expectations",
    "untrusted_roles",
    "sample",
    "migrations",
    "migrations_tool",
    "shadow_dsn",
    "shadow_dsn_env",
    "preset",
    "all_databases",
    "connect_timeout",
    "statement_timeout",
)

F = TypeVar("F", bound=Callable[..., Any])


#: The connection and statement timeouts, shared by every command that reads a database.
TIMEOUT_OPTIONS = (
    click.option(
        "--connect-timeout",
        type=click.FloatRange(min=0.1),
        default=10.0,
        show_default=True,
        metavar="SECONDS",
        help="How long to wait for a server to accept the connection.",
    ),
    click.option(
        "--statement-timeout",
        type=click.FloatRange(min=0.1),
        default=30.0,
        show_default=True,
        metavar="SECONDS",
        help="How long one catalog query, or a silent server, may take.",
    ),
)


def timeout_options(command: F) -> F:
    """Add --connect-timeout and --statement-timeout to a command."""
    for option in reversed(TIMEOUT_OPTIONS):
        command = option(command)
    return command


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
            f"[default: {DEFAULT_ROLES_SHOWN}; PUBLIC always].",
        ),
        click.option(
            "--sample",
            type=click.IntRange(min=0),
            default=0,
            metavar="N",
            help="Read N rows of each table's text columns for card numbers stored in clear "
            "(only counts and masked numbers are kept) [default: 0, no sampling].",
        ),
        click.option(
            "--migrations",
            type=click.Path(file_okay=False, path_type=Path),
            metavar="DIR",
            help="The migrations folder (Flyway, Liquibase, Alembic, Django, Rails, "
            "golang-migrate, Supabase, Prisma, dbmate, Knex): held against the tracker table "
            "and, with --shadow-dsn, against the objects its migrations create.",
        ),
        click.option(
            "--migrations-tool",
            type=click.Choice(MIGRATION_TOOLS),
            default=None,
            help="The tool the migrations folder belongs to [default: recognised from it].",
        ),
        click.option(
            "--shadow-dsn",
            metavar="DSN",
            help="A server where assaymark may create, replay the migrations into, and drop "
            "one throwaway database (never the scanned one).",
        ),
        click.option(
            "--shadow-dsn-env",
            metavar="VAR",
            help="An environment variable holding the shadow server's connection string.",
        ),
        click.option(
            "--preset",
            type=click.Choice(PRESET_NAMES),
            default=None,
            help="A platform whose roles have intended powers (supabase: anon and "
            "authenticated untrusted, service_role's BYPASSRLS intended).",
        ),
        click.option(
            "--all-databases",
            is_flag=True,
            default=False,
            help="MySQL/MariaDB: read every database on the server, not only the DSN's.",
        ),
        *TIMEOUT_OPTIONS,
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
    migrations: Path | None = None,
    migrations_tool: str | None = None,
    shadow_dsn: str | None = None,
    shadow_dsn_env: str | None = None,
    preset: str | None = None,
    all_databases: bool = False,
    connect_timeout: float = 10.0,
    statement_timeout: float = 30.0,
) -> list[DatabaseTarget]:
    """The databases the options name, with the files they refer to read and checked."""
    from adapters.base import AdapterError
    from adapters.db import (
        CollectOptions,
        DatabaseTarget,
        DataMap,
        dsn_from_environment,
        load_data_map,
        load_expectations,
        parse_dsn,
    )
    from adapters.db.adapter import sample_text_columns
    from adapters.db.engine import DEFAULT_UNTRUSTED_ROLES

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
        roles_named=bool(untrusted_roles),
        preset=preset,
        all_databases=all_databases,
        connect_timeout=connect_timeout,
        statement_timeout=statement_timeout,
    )
    history = _migrations(migrations, migrations_tool, shadow_dsn, shadow_dsn_env)
    return [DatabaseTarget(dsn, mapping, expected, options, history) for dsn in parsed]


def _migrations(
    folder: Path | None, tool: str | None, shadow_dsn: str | None, shadow_dsn_env: str | None
) -> MigrationsSource | None:
    """The migrations folder to hold the databases against, and the shadow server if any."""
    from adapters.base import AdapterError
    from adapters.db import dsn_from_environment, parse_dsn
    from adapters.db.migrations import MigrationsSource, read_folder

    if folder is None:
        if shadow_dsn is not None or shadow_dsn_env is not None or tool is not None:
            raise UsageError(
                "--shadow-dsn, --shadow-dsn-env and --migrations-tool need the migrations "
                "folder: give it with --migrations"
            )
        return None
    if shadow_dsn is not None and shadow_dsn_env is not None:
        raise UsageError("give one of --shadow-dsn and --shadow-dsn-env")
    try:
        shadow = parse_dsn(shadow_dsn) if shadow_dsn is not None else None
        if shadow_dsn_env is not None:
            shadow = dsn_from_environment(shadow_dsn_env)
        return MigrationsSource(read_folder(folder, tool), shadow)
    except AdapterError as exc:
        raise UsageError(str(exc)) from exc


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
