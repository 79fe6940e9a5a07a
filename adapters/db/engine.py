"""The interface of a database engine: how one kind of server is read into a `Catalog`.

An engine connects with a `Dsn`, reads the catalog in a read-only transaction with a constant
number of queries, and returns a `Catalog`. It raises only when it cannot start at all (its
driver is missing); a server that refuses the connection, denies a catalog query or drops the
connection midway gives a catalog whose affected parts are `Unresolved`, so exactly the checks
that needed them are `error`.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import ClassVar
from urllib.parse import parse_qsl, unquote, urlsplit

from adapters.base import AdapterError
from adapters.db.catalog import Catalog, Column, Relation, Role

#: Roles that anonymous and signed-in API users share (PostgREST, Supabase and the like).
DEFAULT_UNTRUSTED_ROLES = ("anon", "authenticated")


class DatabaseError(AdapterError):
    """A database source cannot be collected at all (a bad connection string, no driver)."""


@dataclass(frozen=True)
class Dsn:
    """A parsed connection string. The password never appears in `str()` or `repr()`."""

    scheme: str
    host: str
    port: int | None
    database: str
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    params: Mapping[str, str] = field(default_factory=dict)

    @property
    def server(self) -> str:
        """`host:port` (or the host alone), for locations."""
        return self.host if self.port is None else f"{self.host}:{self.port}"

    def __str__(self) -> str:
        user = f"{self.user}@" if self.user else ""
        return f"{self.scheme}://{user}{self.server}/{self.database}"


def parse_dsn(text: str, *, from_environment: bool = False) -> Dsn:
    """Parse `postgresql://user@host:port/db?sslmode=...` or `mysql://...`.

    A password written in a connection string given on the command line is refused: it would
    sit in shell history and process listings. It is accepted in a string read from the
    environment (`--dsn-env`).
    """
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise DatabaseError(f"connection string: {exc}") from exc
    if not parts.scheme or not parts.hostname:
        raise DatabaseError(
            "connection string: expected SCHEME://USER@HOST[:PORT]/DATABASE "
            "(postgresql://... or mysql://...)"
        )
    if parts.password is not None and not from_environment:
        raise DatabaseError(
            "connection string: a password is written in it; give it in the environment "
            "instead (PGPASSWORD or PGPASSFILE for PostgreSQL, MYSQL_PWD for MySQL/MariaDB), "
            "or put the whole connection string in an environment variable and use --dsn-env"
        )
    database = unquote(parts.path.lstrip("/"))
    if not database:
        raise DatabaseError(f"connection string {parts.scheme}://{parts.hostname}: no database")
    return Dsn(
        scheme=parts.scheme.lower(),
        host=parts.hostname,
        port=port,
        database=database,
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        params=dict(parse_qsl(parts.query)),
    )


def dsn_from_environment(variable: str) -> Dsn:
    """The connection string held by an environment variable (it may carry a password)."""
    value = os.environ.get(variable)
    if not value:
        raise DatabaseError(f"environment variable {variable} is not set")
    return parse_dsn(value, from_environment=True)


ColumnFilter = Callable[[Relation, Column], bool]


@dataclass(frozen=True)
class CollectOptions:
    """What to collect besides the catalog."""

    #: Roles whose effective privileges are computed (PUBLIC always is, where it exists).
    untrusted_roles: tuple[str, ...] = DEFAULT_UNTRUSTED_ROLES
    #: Rows to sample per table for card numbers stored in clear (0: no sampling).
    sample_rows: int = 0
    #: Which columns to sample; values never leave the engine, only counts and masks.
    sample_column: ColumnFilter | None = None
    #: Whether `untrusted_roles` were named by the user: a named role that does not exist is
    #: an error (a misspelling would otherwise check nothing), a default one is skipped.
    roles_named: bool = False
    #: A known platform's roles and their intended powers (`supabase`), or None.
    preset: str | None = None
    #: MySQL/MariaDB: read every database on the server, not only the one in the DSN.
    all_databases: bool = False
    #: Seconds to wait for the server to accept the connection.
    connect_timeout: float = 10.0
    #: Seconds any one catalog query (or sample) may run, and a lost server may stay silent.
    statement_timeout: float = 30.0
    #: The migration tracker to read too: what it is called, and the query that reads it.
    tracker: tuple[str, str] | None = None


class ReplayError(DatabaseError):
    """A migration failed when replayed into a shadow database: where, and the server's word."""


class ShadowDatabase(ABC):
    """A throwaway database on a shadow server, that migrations are replayed into."""

    #: How to connect to it, as the engine's `collect` takes it.
    dsn: Dsn

    @abstractmethod
    def run(self, script: str, where: str, first_line: int = 1) -> None:
        """Run one migration's SQL, committed; `ReplayError` names `where` and the line."""


class Engine(ABC):
    """Reads one kind of database server."""

    #: The engine's name as reports show it.
    name: ClassVar[str]
    #: The connection-string schemes it serves.
    schemes: ClassVar[tuple[str, ...]]
    #: What the connecting user needs granted, as SQL: the least-privilege setup.
    permissions: ClassVar[tuple[str, ...]]
    #: Whether a schema is a database (MySQL), so a shadow database's objects carry its name.
    schemas_are_databases: ClassVar[bool] = False

    @abstractmethod
    def collect(self, dsn: Dsn, options: CollectOptions) -> Catalog:
        """Read the catalog in a read-only transaction; never writes."""

    def throwaway(
        self, server: Dsn, roles: Sequence[Role], options: CollectOptions
    ) -> AbstractContextManager[ShadowDatabase]:
        """A new database on `server`, with the live database's `roles` created where missing,
        dropped with every role it created when the context ends. Never the scanned database:
        a new one."""
        raise DatabaseError(
            f"{self.name}: replaying migrations into a shadow database is not supported yet"
        )
