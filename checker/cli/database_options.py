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

#: The roles checked when --untrusted-role is not given (as adapters.db.engine has them).
DEFAULT_ROLES_SHOWN = "anon, authenticated"

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
