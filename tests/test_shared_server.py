"""The database tests and examples on a shared server.

PostgreSQL and MariaDB on loopback are given what another project would keep there: a
database with a table, and the conventional roles anon, authenticated and service_role
(PostgreSQL) with grants in that database, so that nothing can drop them without noticing;
`reporting`, with nothing depending on it, which a careless cleanup would drop; and on MariaDB
the roles anon and authenticated and an account service_role@%. The database tests then pass,
and leave every one of them as it was. What this module plants it removes again; a role or
account of those names that the server held already is used as found, and never dropped.
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import psycopg
import pymysql
import pytest
from psycopg import sql

from tests.adapters.db import my, pg
from tests.conftest import REPO

# The fixture of `pg`, used by name below.
scratch = pg.scratch

#: The suites that create databases and roles on the servers.
DATABASE_TESTS = ("tests/adapters/db", "tests/test_examples_db.py")
PG_ROLES = {
    "anon": "NOLOGIN NOINHERIT",
    "authenticated": "NOLOGIN NOINHERIT",
    "service_role": "NOLOGIN NOINHERIT BYPASSRLS",
    "reporting": "NOLOGIN",
}
MY_ROLES = ("anon", "authenticated")
MY_ACCOUNT = "'service_role'@'%'"
# Two runs of this module at once would plant, and remove, the same conventional names.
PG_LOCK = 0x73686172
MY_LOCK = "assaymark_shared_server"
#: What is planted, as read back to compare before and after.
State = tuple[Any, ...]


@contextmanager
def foreign_postgres() -> Iterator[Callable[[], State]]:
    """Plant another project's database and roles; yield a function returning their state."""
    database = pg.unique("foreign_shop")
    planted: list[str] = []
    with pg.exclusive(PG_LOCK), pg.connect() as admin:
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
    with my.exclusive(MY_LOCK):
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


def test_the_database_tests_pass_on_a_shared_server_and_leave_it_as_it_was() -> None:
    with foreign_postgres() as postgres, foreign_mariadb() as mariadb:
        before = postgres(), mariadb()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *DATABASE_TESTS],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        after = postgres(), mariadb()
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert after == before


def test_drop_roles_sql_drops_only_the_example_roles_no_database_uses(
    scratch: pg.Scratch,
) -> None:
    names = {role: f"{role}_{scratch.suffix}" for role in pg.EXAMPLE_ROLES}
    drop_roles = pg.renamed((pg.EXAMPLES / "drop-roles.sql").read_text(encoding="utf-8"), names)
    # A role of an example name that the example did not create; two it did (marked), one of
    # them still used by another database.
    stranger = scratch.role("fintech_reporting")
    anon, app_service = names["fintech_anon"], names["fintech_app_service"]
    scratch.track([anon, app_service])
    for role in (anon, app_service):
        scratch.execute(f"CREATE ROLE {role}; COMMENT ON ROLE {role} IS '{pg.EXAMPLE_MARK}'")
    with pg.scratch_database("assaymark_other") as other:
        other.execute(f"CREATE TABLE t (id int); GRANT SELECT ON t TO {anon}")
        scratch.execute(drop_roles)
        assert scratch.existing_roles(names.values()) == sorted([anon, stranger])
    scratch.execute(drop_roles)
    assert scratch.existing_roles(names.values()) == [stranger]


def test_an_example_stops_rather_than_change_a_role_it_did_not_create(
    scratch: pg.Scratch,
) -> None:
    reporting = scratch.role("fintech_reporting", "NOLOGIN NOSUPERUSER")

    with pytest.raises(psycopg.errors.RaiseException, match="this example did not create it"):
        scratch.load_example("insecure")

    (row,) = scratch.execute(
        "SELECT rolsuper, rolcanlogin, shobj_description(oid, 'pg_authid') FROM pg_roles"
        " WHERE rolname = %s",
        (reporting,),
    )
    assert row == (False, False, None)
    assert not scratch.execute("SELECT 1 FROM pg_namespace WHERE nspname = 'payments'")
