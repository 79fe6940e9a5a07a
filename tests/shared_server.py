"""Another project's databases and roles on the test servers, beside which every database test
runs.

PostgreSQL and MariaDB on loopback are given what another project would keep there: a
database with a table, and the conventional roles anon, authenticated and service_role
(PostgreSQL) with grants in that database, so that nothing can drop them without noticing;
`reporting`, with nothing depending on it, which a careless cleanup would drop; and on MariaDB
the roles anon and authenticated and an account service_role@%. They are planted when a test
first reaches a server (`plant`), on both servers at once, and, when the session ends, checked
to be as they were and removed (`remove`). A role or account of those names that the server
held already is used as found, and never dropped.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from typing import Any

import pymysql
import pytest
from psycopg import sql

from tests.adapters.db import my, pg

PG_ROLES = {
    "anon": "NOLOGIN NOINHERIT",
    "authenticated": "NOLOGIN NOINHERIT",
    "service_role": "NOLOGIN NOINHERIT BYPASSRLS",
    "reporting": "NOLOGIN",
}
MY_ROLES = ("anon", "authenticated")
MY_ACCOUNT = "'service_role'@'%'"
# Two test sessions at once would plant, and remove, the same conventional names: one plants
# them at a time, under this advisory lock.
LOCK = 0x73686172
#: What is planted, as read back to compare before and after.
State = tuple[Any, ...]


@contextmanager
def foreign_postgres() -> Iterator[Callable[[], State]]:
    """Plant another project's database and roles; yield a function returning their state."""
    database = pg.unique("foreign_shop")
    planted: list[str] = []
    with pg.connect() as admin:
        try:
            for role, attributes in PG_ROLES.items():
                found = admin.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
                if found.fetchone() is None:
                    admin.execute(
                        sql.SQL("CREATE ROLE {} {}").format(
                            sql.Identifier(role), sql.SQL(attributes)
                        )
                    )
                    planted.append(role)
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
            with pg.connect(database) as shop:
                shop.execute("CREATE TABLE orders (id int PRIMARY KEY, note text)")
                shop.execute("INSERT INTO orders VALUES (1, 'keep me')")
                shop.execute("GRANT SELECT ON orders TO anon, authenticated")
                shop.execute("GRANT ALL ON orders TO service_role")

            def state() -> State:
                roles = admin.execute(
                    "SELECT rolname, rolsuper, rolinherit, rolcreaterole, rolcanlogin,"
                    " rolbypassrls, rolvaliduntil, shobj_description(oid, 'pg_authid'),"
                    " ARRAY(SELECT roleid::regrole::text FROM pg_auth_members"
                    "       WHERE member = r.oid ORDER BY 1)"
                    " FROM pg_roles r WHERE rolname = ANY(%s) ORDER BY 1",
                    (list(PG_ROLES),),
                ).fetchall()
                with pg.connect(database) as shop:
                    rows = shop.execute("SELECT * FROM orders").fetchall()
                    acl = shop.execute(
                        "SELECT relacl::text FROM pg_class WHERE relname = 'orders'"
                    ).fetchall()
                return roles, rows, acl

            yield state
        finally:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )
            for role in planted:
                admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@contextmanager
def foreign_mariadb() -> Iterator[Callable[[], State]]:
    """Plant another project's database, roles and account; yield a function returning their
    state."""
    database = my.quote(f"foreign_shop_{secrets.token_hex(4)}")
    server = my.Server(my.connect())
    planted: list[str] = []
    try:
        for role in MY_ROLES:
            if not server.rows(f"SELECT 1 FROM mysql.user WHERE User = {my.literal(role)}"):
                server.execute(f"CREATE ROLE {my.quote(role)}")
                planted.append(f"DROP ROLE IF EXISTS {my.quote(role)}")
        if not server.rows("SELECT 1 FROM mysql.user WHERE User = 'service_role'"):
            password = my.literal(secrets.token_urlsafe(12))
            server.execute(f"CREATE USER {MY_ACCOUNT} IDENTIFIED BY {password}")
            planted.append(f"DROP USER IF EXISTS {MY_ACCOUNT}")
        server.execute(
            f"CREATE DATABASE {database}",
            f"CREATE TABLE {database}.orders (id INT PRIMARY KEY, note TEXT)",
            f"INSERT INTO {database}.orders VALUES (1, 'keep me')",
            f"GRANT SELECT ON {database}.orders TO anon, authenticated",
            f"GRANT ALL ON {database}.* TO {MY_ACCOUNT}",
        )

        def state() -> State:
            # Sorted: MariaDB lists grants in no fixed order (a FLUSH PRIVILEGES reorders).
            grants = [
                sorted(server.rows(f"SHOW GRANTS FOR {account}"))
                for account in (*(my.quote(role) for role in MY_ROLES), MY_ACCOUNT)
            ]
            return grants, server.rows(f"SELECT * FROM {database}.orders")

        yield state
    finally:
        # Grants outlive a dropped database in MariaDB: a role that was there before gets
        # back exactly what it had. (There is nothing to revoke if planting stopped early.)
        for revoke in (
            *(f"REVOKE SELECT ON {database}.orders FROM {my.quote(role)}" for role in MY_ROLES),
            f"REVOKE ALL ON {database}.* FROM {MY_ACCOUNT}",
        ):
            with suppress(pymysql.MySQLError):
                server.execute(revoke)
        server.execute(f"DROP DATABASE IF EXISTS {database}", *planted)
        server.connection.close()


@contextmanager
def _lock(seconds: float = 1800) -> Iterator[None]:
    """The one lock (on PostgreSQL) under which a session plants on both servers: another
    session planting the same names waits until this one has removed them."""
    deadline = time.monotonic() + seconds
    with pg.connect() as admin:
        while not (admin.execute("SELECT pg_try_advisory_lock(%s)", (LOCK,)).fetchone() or (0,))[0]:
            if time.monotonic() > deadline:
                pytest.fail(f"another test session held the shared-server lock for {seconds:g} s")
            time.sleep(1)
        yield


_planted = ExitStack()
_states: dict[str, tuple[Callable[[], State], State]] = {}
_planted_started: list[bool] = []


def plant() -> None:
    """Plant the foreign objects on both servers, once a session (waiting for any other
    session that has them planted)."""
    if _planted_started:
        return
    _planted_started.append(True)
    pg.reach_server()
    my.reach_server()
    _planted.enter_context(_lock())
    for engine, foreign in (("postgresql", foreign_postgres), ("mariadb", foreign_mariadb)):
        state = _planted.enter_context(foreign())
        _states[engine] = (state, state())


def remove() -> list[str]:
    """Check what was planted is as it was, then remove it; what changed, by engine."""
    changed = []
    try:
        for engine, (state, before) in _states.items():
            after = state()
            if after != before:
                changed.append(f"{engine}: another project's objects changed: {before} -> {after}")
    finally:
        _states.clear()
        _planted_started.clear()
        _planted.close()
    return changed
