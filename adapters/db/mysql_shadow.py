"""MySQL/MariaDB shadow databases: a throwaway database that migrations are replayed into.

The database gets a new random name on the shadow server and is dropped afterwards. Accounts
and roles are server-wide: those the live server has and the shadow server lacks are created
for the replay (accounts locked, with no password) and dropped after, with those the
migrations themselves create. Nothing else on the server is touched.
"""

from __future__ import annotations

import os
import re
import secrets
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from adapters.db.catalog import Role
from adapters.db.engine import DatabaseError, Dsn, ReplayError, ShadowDatabase

if TYPE_CHECKING:
    from pymysql.connections import Connection

_DEFAULT_PORT = 3306
_CREATE_ACCOUNT = re.compile(
    r"\bCREATE\s+(USER|ROLE)\s+(?:IF\s+NOT\s+EXISTS\s+)?"
    r"(`[^`]+`|'[^']*'|\"[^\"]*\"|[\w$]+)(?:\s*@\s*(`[^`]+`|'[^']*'|\"[^\"]*\"|[\w.%$-]+))?",
    re.IGNORECASE,
)


def _unquote(name: str) -> str:
    return name[1:-1] if name[:1] in "`'\"" else name


def created_accounts(script: str) -> set[tuple[str, str | None]]:
    """The accounts (user, host) and roles (name, None) a script creates; an account created
    without a host is `user@%`, as the server makes it."""
    return {
        (_unquote(user), _unquote(host) if host else None if kind.upper() == "ROLE" else "%")
        for kind, user, host in _CREATE_ACCOUNT.findall(script)
    }


def _literal(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _account(user: str, host: str | None) -> str:
    return _literal(user) if host is None else f"{_literal(user)}@{_literal(host)}"


def _connect(dsn: Dsn, database: str | None, timeout: float) -> Connection[Any]:
    import pymysql
    from pymysql.constants import CLIENT

    password = dsn.password if dsn.password is not None else os.environ.get("MYSQL_PWD")
    try:
        return pymysql.connect(
            host=dsn.host,
            port=dsn.port or _DEFAULT_PORT,
            user=dsn.user,
            password=password or "",
            database=database,
            charset="utf8mb4",
            connect_timeout=timeout,
            autocommit=True,
            client_flag=CLIENT.MULTI_STATEMENTS,
            program_name="assaymark-shadow",
        )
    except pymysql.MySQLError as exc:
        raise DatabaseError(f"shadow server {dsn.server}: could not connect: {exc}") from exc


class MysqlShadow(ShadowDatabase):
    """A throwaway MySQL/MariaDB database, connected as the shadow server's user."""

    def __init__(self, dsn: Dsn, connection: Connection[Any]) -> None:
        self.dsn = dsn
        self._connection = connection
        #: The accounts and roles the scripts run so far create (dropped with the database).
        self.accounts_created: set[tuple[str, str | None]] = set()

    def run(self, script: str, where: str, first_line: int = 1) -> None:
        import pymysql

        self.accounts_created |= created_accounts(script)
        try:
            with self._connection.cursor() as cursor:
                cursor.execute(script)
                # Each further statement's error surfaces as its result is read.
                while cursor.nextset():
                    pass
        except pymysql.MySQLError as exc:
            raise ReplayError(f"{where}: {exc.args[-1] if exc.args else exc}") from exc


def _existing(admin: Connection[Any]) -> set[tuple[str, str | None]]:
    with admin.cursor() as cursor:
        cursor.execute("SELECT User, Host FROM mysql.user")
        rows = cursor.fetchall()
    found: set[tuple[str, str | None]] = set()
    for user, host in rows:
        found.add((str(user), str(host)))
        # A MariaDB role is a mysql.user row with an empty host.
        if not host:
            found.add((str(user), None))
    return found


@contextmanager
def throwaway(server: Dsn, roles: Sequence[Role], timeout: float) -> Iterator[MysqlShadow]:
    """A new database on `server`, dropped afterwards with the accounts and roles it needed and
    those the replay created."""
    import pymysql

    admin = _connect(server, None, timeout)
    name = f"assaymark_shadow_{secrets.token_hex(6)}"
    created: list[tuple[str, str | None]] = []
    try:
        before = _existing(admin)
        with admin.cursor() as cursor:
            try:
                cursor.execute(f"CREATE DATABASE `{name}`")
            except pymysql.MySQLError as exc:
                raise DatabaseError(
                    f"shadow server {server.server}: cannot create a throwaway database: {exc}"
                ) from exc
        try:
            with admin.cursor() as cursor:
                for role in roles:
                    key = (role.user or role.name, None if role.is_role else role.host or "%")
                    if key in before:
                        continue
                    kind = "ROLE" if role.is_role else "USER"
                    lock = "" if role.is_role else " ACCOUNT LOCK"
                    cursor.execute(f"CREATE {kind} {_account(*key)}{lock}")
                    created.append(key)
            connection = _connect(server, name, timeout)
            shadow = MysqlShadow(replace(server, database=name), connection)
            try:
                yield shadow
            finally:
                connection.close()
                after = _existing(admin)
                # Only accounts the migrations create: others may appear on a shared server.
                created.extend(
                    key
                    for key in sorted(shadow.accounts_created, key=str)
                    if key not in before and key in after
                )
        finally:
            left = []
            with admin.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")
                for user, host in created:
                    kind = "ROLE" if host is None else "USER"
                    try:
                        cursor.execute(f"DROP {kind} IF EXISTS {_account(user, host)}")
                    except pymysql.MySQLError as exc:
                        left.append(f"{_account(user, host)} ({exc})")
            if left and sys.exc_info()[0] is None:
                raise DatabaseError(
                    f"shadow server {server.server}: could not drop the accounts the replay "
                    f"created: {', '.join(left)}"
                )
    finally:
        admin.close()
