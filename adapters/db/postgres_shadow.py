"""PostgreSQL shadow databases: a throwaway database that migrations are replayed into.

The database gets a new random name on the shadow server and is dropped afterwards. The roles
the migrations grant to must exist for the replay to succeed, so the live database's roles
that the shadow server lacks are created there (NOLOGIN, no attributes) and dropped after
with every role the migrations themselves created. Nothing else on the server is touched.
"""

from __future__ import annotations

import re
import secrets
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from adapters.db.engine import DatabaseError, Dsn, ReplayError, ShadowDatabase

if TYPE_CHECKING:
    import psycopg

_ROLES = "SELECT rolname FROM pg_roles"
_CREATE_ROLE = re.compile(
    r"\bCREATE\s+(?:ROLE|USER|GROUP)\s+(?:IF\s+NOT\s+EXISTS\s+)?(\"(?:[^\"]|\"\")+\"|\w+)",
    re.IGNORECASE,
)


def created_roles(script: str) -> set[str]:
    """The roles a script creates, as the server names them (unquoted names folded)."""
    return {
        name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()
        for name in _CREATE_ROLE.findall(script)
    }


def _connect(dsn: Dsn, database: str, timeout: float) -> psycopg.Connection[Any]:
    import psycopg
    from psycopg.conninfo import make_conninfo

    from adapters.db.postgres import connection_keywords

    keywords: dict[str, Any] = {
        "host": dsn.host,
        "dbname": database,
        "connect_timeout": max(1, round(timeout)),
        "application_name": "assaymark-shadow",
    }
    keywords.update(connection_keywords(dsn))
    try:
        return psycopg.connect(make_conninfo("", **keywords), autocommit=True)
    except psycopg.Error as exc:
        raise DatabaseError(
            f"shadow server {dsn.server}: could not connect: {_message(exc)}"
        ) from exc


def _message(exc: Exception) -> str:
    diag = getattr(exc, "diag", None)
    return " ".join((getattr(diag, "message_primary", None) or str(exc)).split())


class PostgresShadow(ShadowDatabase):
    """A throwaway PostgreSQL database, connected as the shadow server's user."""

    def __init__(self, dsn: Dsn, connection: psycopg.Connection[Any]) -> None:
        self.dsn = dsn
        self._connection = connection
        #: The roles the scripts run so far create (dropped with the database).
        self.roles_created: set[str] = set()

    def run(self, script: str, where: str, first_line: int = 1) -> None:
        import psycopg

        self.roles_created |= created_roles(script)
        try:
            # Without parameters the script goes as one simple query: several statements run,
            # in one transaction, as the migration tools run a file.
            with self._connection.transaction():
                self._connection.execute(script.encode("utf-8"))
        except psycopg.errors.ActiveSqlTransaction:
            # CREATE INDEX CONCURRENTLY and the like refuse a transaction: the tools run such
            # a file statement by statement, and so does the replay (the first try rolled back).
            self._run_each(script, where, first_line)
        except psycopg.Error as exc:
            raise _failed(exc, script, where, first_line) from exc

    def _run_each(self, script: str, where: str, first_line: int) -> None:
        import psycopg

        try:
            from pglast import split
        except ImportError as exc:
            raise ReplayError(
                f"{where}: a statement refuses to run in a transaction, and running the file "
                "statement by statement needs pglast: pip install 'assaymark[migrations]'"
            ) from exc
        for part in split(script, with_parser=False, only_slices=True):
            statement = script[part].lstrip()
            start = part.stop - len(statement)
            line = first_line + script[:start].count("\n")
            try:
                self._connection.execute(statement.encode("utf-8"))
            except psycopg.Error as exc:
                raise _failed(exc, statement, where, line, alone=True) from exc


def _failed(
    exc: Exception, script: str, where: str, first_line: int, *, alone: bool = False
) -> ReplayError:
    """The replay error naming the file, and the line: where the server gives a position (for
    some errors only: not for a missing relation in CREATE INDEX, say) or, for a statement run
    `alone`, where it starts."""
    position = getattr(getattr(exc, "diag", None), "statement_position", None)
    if position and str(position).isdigit():
        where += f":{first_line + script[: int(position) - 1].count(chr(10))}"
    elif alone:
        where += f":{first_line}"
    return ReplayError(f"{where}: {_message(exc)}")


@contextmanager
def throwaway(server: Dsn, roles: Sequence[str], timeout: float) -> Iterator[PostgresShadow]:
    """A new database on `server` (connected through `server.database`), dropped afterwards
    with the roles it needed and the roles the replay created."""
    import psycopg
    from psycopg import sql

    admin = _connect(server, server.database, timeout)
    name = f"assaymark_shadow_{secrets.token_hex(6)}"
    created: list[str] = []
    try:
        before = {row[0] for row in admin.execute(_ROLES).fetchall()}
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            raise DatabaseError(
                f"shadow server {server.server}: cannot create a throwaway database "
                f"(the shadow user needs CREATEDB): {_message(exc)}"
            ) from exc
        try:
            for role in roles:
                if role not in before and role != "PUBLIC":
                    admin.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
                    created.append(role)
            connection = _connect(server, name, timeout)
            shadow = PostgresShadow(replace(server, database=name), connection)
            try:
                yield shadow
            finally:
                # Only roles the migrations create: others may appear on a shared server.
                after = {row[0] for row in admin.execute(_ROLES).fetchall()}
                created.extend(sorted((after - before - set(created)) & shadow.roles_created))
                connection.close()
        finally:
            # What the roles hold in the throwaway database goes with it.
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
            left = []
            for role in created:
                try:
                    admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))
                except psycopg.Error as exc:
                    left.append(f"{role} ({_message(exc)})")
            if left and sys.exc_info()[0] is None:
                raise DatabaseError(
                    f"shadow server {server.server}: could not drop the roles the replay "
                    f"created: {', '.join(left)}"
                )
    finally:
        admin.close()
