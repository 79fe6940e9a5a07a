"""The interface of a migration tool: how its folder and its tracker table are read.

A tool reads its migrations folder into `Migration`s (version, description, checksum where the
tool keeps one, and the SQL to replay where the migration is SQL), and turns the rows of its
tracker table into `Applied` records. What the tracker claims is then held against the folder
(`adapters.db.migrations.history`) and, replayed into a shadow database, against the live
catalog (`adapters.db.shadow`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from adapters.base import AdapterError


class MigrationsError(AdapterError):
    """A migrations folder cannot be read (missing, unrecognised, a malformed file)."""


@dataclass(frozen=True)
class Migration:
    """One migration of a folder."""

    #: The version as the tracker table records it.
    version: str
    description: str
    #: The file that holds it.
    path: Path
    #: The checksum as the tool stores it, or None where the tool stores none.
    checksum: str | None = None
    #: The SQL that applies it, or None where it is not SQL (Python, Ruby, JavaScript).
    sql: str | None = None
    #: The line of `path` where `sql` starts, for naming the line a replay failed at.
    first_line: int = 1
    #: The SQL on each engine (`postgresql`, `mysql`) where it differs between them, as for a
    #: tool that writes the SQL itself (Liquibase's change types); an engine left out has the
    #: SQL of `sql`. Read it with `sql_on`.
    sql_by_engine: Mapping[str, str] | None = field(default=None, hash=False)
    #: The engines it runs on (`postgresql`, `mysql`), for a tool that leaves a migration out
    #: elsewhere and records nothing for it (Liquibase's changeset `dbms`); None: every one.
    engines: frozenset[str] | None = None

    def runs_on(self, engine: str | None) -> bool:
        """Whether it runs on `engine` (None: not known, so it does)."""
        return engine is None or self.engines is None or engine in self.engines

    def sql_on(self, engine: str) -> str | None:
        """The SQL that applies it on `engine` (postgresql or mysql), or None where it is not
        SQL there."""
        if self.sql_by_engine is not None and engine in self.sql_by_engine:
            return self.sql_by_engine[engine]
        return self.sql


@dataclass(frozen=True)
class Applied:
    """A migration the tracker table records."""

    version: str
    description: str = ""
    checksum: str | None = None
    #: False where the tool records a failed or half-applied migration.
    success: bool = True


@dataclass(frozen=True)
class Tracker:
    """Where a tool keeps its history, and the query that reads it (standard SQL).

    `table` is the table's name, schema-qualified where the tool fixes the schema; `query`
    names it as `{table}`, which the engine fills in with the table it found.
    """

    table: str
    query: str


class MigrationTool(ABC):
    """One migration tool's folder layout and tracker table."""

    #: The tool's name, as `--migrations-tool` and reports name it.
    name: ClassVar[str]
    #: The table its history is kept in, as users know it.
    tracker_table: ClassVar[str]

    @classmethod
    @abstractmethod
    def recognises(cls, folder: Path) -> bool:
        """Whether `folder` looks like this tool's migrations folder."""

    @abstractmethod
    def read(self, folder: Path) -> tuple[Migration, ...]:
        """The folder's migrations in the order the tool applies them."""

    @abstractmethod
    def tracker(self, engine: str) -> Tracker:
        """The tracker table and the query that reads it on `engine` (postgresql or mysql)."""

    @abstractmethod
    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        """What the tracker's rows claim was applied, in order. Tools that keep only the latest
        version (golang-migrate, Alembic) claim every migration of the folder up to it."""
