"""The MariaDB server the MySQL engine's tests run against, and what they create on it.

The server is shared: databases get unique names and are dropped afterwards, and accounts and
roles (which are server-wide) carry a unique suffix and are dropped afterwards too, and the
examples are loaded under names of the test's own (`example`). An anonymous account is only
ever `''@'%'`, which matches only users with no entry of their own; `''@'localhost'` would
shadow other accounts' logins.
"""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymysql
import pytest
from pymysql.constants import CLIENT

from adapters.db.engine import Dsn
from tests.adapters.db.pg import renamed

HOST = "127.0.0.1"
PORT = 3306
ADMIN = "root"
EXAMPLES = Path(__file__).parents[3] / "examples" / "db" / "mariadb"
#: What examples/db/mariadb names server-wide: its databases, accounts and roles.
EXAMPLE_NAMES = (
    "fintech_insecure",
    "fintech_compliant",
    "fi_web",
    "fi_batch",
    "fi_readers",
    "fc_web",
    "fc_batch",
    "fc_migrate",
    "fc_readers",
)
#: The host of the examples' anonymous account and remote root.
EXAMPLE_HOST = "192.0.2.%"
START = ("start-stop-daemon", "--start", "--oknodo", "--background", "--exec", "/usr/sbin/mariadbd")
_START_SECONDS = 30


def connect(**overrides: Any) -> pymysql.connections.Connection[Any]:
    """A connection as the administrator (autocommit), or as whoever `overrides` names."""
    settings: dict[str, Any] = {
        "host": HOST,
        "port": PORT,
        "user": ADMIN,
        "password": os.environ.get("MYSQL_PWD", ""),
        "autocommit": True,
        "connect_timeout": 5,
        "charset": "utf8mb4",
    }
    settings.update(overrides)
    return pymysql.connect(**settings)


_started: list[bool] = []


def ensure_server() -> None:
    """Make sure the server answers (failing, never skipping, when it does not), with another
    project's databases and roles beside the tests' own (`tests.shared_server`)."""
    from tests import shared_server

    reach_server()
    shared_server.plant()


def reach_server() -> None:
    """Make sure the server answers: start it once if it does not, else fail saying how."""
    try:
        connect().close()
        return
    except pymysql.MySQLError as exc:
        first = exc
    if not _started:
        _started.append(True)
        try:
            subprocess.run(START, check=False, capture_output=True, timeout=_START_SECONDS)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.fail(f"MariaDB is not reachable on {HOST}:{PORT} ({first}); {exc}")
    deadline = time.monotonic() + _START_SECONDS
    while True:
        try:
            connect().close()
            return
        except pymysql.MySQLError as exc:
            if time.monotonic() > deadline:
                pytest.fail(
                    f"MariaDB is not reachable on {HOST}:{PORT} as {ADMIN} ({first}), and "
                    f"`{' '.join(START)}` did not bring it up ({exc}). Start the server and rerun."
                )
        time.sleep(0.5)


def literal(text: str) -> str:
    """A quoted SQL string."""
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def quote(identifier: str) -> str:
    """A backtick-quoted identifier."""
    return "`" + identifier.replace("`", "``") + "`"


@dataclass
class Server:
    """An administrator's connection to the test server."""

    connection: pymysql.connections.Connection[Any]

    def execute(self, *statements: str) -> None:
        """Run statements one by one."""
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def rows(self, sql: str) -> list[tuple[Any, ...]]:
        """The rows of a query."""
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
            return [tuple(row) for row in cursor.fetchall()]

    def run_file(self, path: Path) -> None:
        """Run an SQL file (plain statements, no DELIMITER) as the mariadb client would."""
        self.run_script(path.read_text(encoding="utf-8"))

    def run_script(self, script: str) -> None:
        """Run SQL statements (plain ones, no DELIMITER) as the mariadb client would."""
        connection = connect(client_flag=CLIENT.MULTI_STATEMENTS)
        try:
            with connection.cursor() as cursor:
                cursor.execute(script)
                while cursor.nextset():
                    pass
        finally:
            connection.close()

    def dsn(self, database: str, user: str = ADMIN, password: str | None = None) -> Dsn:
        """A connection string to a database on this server."""
        return Dsn("mysql", HOST, PORT, database, user=user, password=password)


@contextmanager
def exclusive(name: str) -> Iterator[None]:
    """Hold a server-wide named lock (GET_LOCK) for the duration, for tests that use fixed,
    server-wide names."""
    ensure_server()
    connection = connect()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT GET_LOCK(%s, 600)", (name,))
            (held,) = cursor.fetchone() or (0,)
        if held != 1:
            pytest.fail(f"the lock {name!r} on {HOST}:{PORT} was not released within 10 minutes")
        yield
    finally:
        connection.close()


@pytest.fixture(scope="session")
def server() -> Iterator[Server]:
    """The running test server, as its administrator."""
    ensure_server()
    connection = connect()
    try:
        yield Server(connection)
    finally:
        connection.close()


@dataclass
class Database:
    """A fresh database with a unique name."""

    name: str
    server: Server

    def execute(self, *statements: str) -> None:
        """Run statements with this database as the default one."""
        self.server.execute(f"USE {quote(self.name)}", *statements)

    def dsn(self, user: str = ADMIN, password: str | None = None) -> Dsn:
        """A connection string to this database."""
        return self.server.dsn(self.name, user, password)


@pytest.fixture
def database(server: Server) -> Iterator[Database]:
    """A fresh database, dropped afterwards."""
    name = f"am_test_{secrets.token_hex(4)}"
    server.execute(f"CREATE DATABASE {quote(name)}")
    try:
        yield Database(name, server)
    finally:
        server.execute(f"DROP DATABASE IF EXISTS {quote(name)}")


@dataclass
class Accounts:
    """Accounts and roles with a unique suffix, all dropped by `drop_all`."""

    server: Server
    suffix: str = field(default_factory=lambda: secrets.token_hex(3))
    drops: list[str] = field(default_factory=list)

    def name(self, base: str) -> str:
        """`base` with this run's suffix."""
        return f"{base}_{self.suffix}"

    def user(self, base: str, host: str = "%", password: str | None = None) -> str:
        """Create the account `base_SUFFIX`@`host` (no password unless given): its user name."""
        name = self.name(base)
        account = f"{literal(name)}@{literal(host)}"
        self.drops.append(f"DROP USER IF EXISTS {account}")
        identified = f" IDENTIFIED BY {literal(password)}" if password else ""
        self.server.execute(f"CREATE USER {account}{identified}")
        return name

    def role(self, base: str) -> str:
        """Create the role `base_SUFFIX`: its name."""
        name = self.name(base)
        self.drops.append(f"DROP ROLE IF EXISTS {quote(name)}")
        self.server.execute(f"CREATE ROLE {quote(name)}")
        return name

    @contextmanager
    def anonymous(self) -> Iterator[str]:
        """The anonymous account `''@'%'` for the duration: its name in the catalog.

        Dropped afterwards unless it was there before (then it is not ours to drop).
        """
        existed = bool(self.server.rows("SELECT 1 FROM mysql.user WHERE User = '' AND Host = '%'"))
        if not existed:
            self.drops.append("DROP USER IF EXISTS ''@'%'")
            self.server.execute("CREATE USER ''@'%'")
        try:
            yield "''@%"
        finally:
            if not existed:
                self.server.execute("DROP USER IF EXISTS ''@'%'")

    @contextmanager
    def public(self) -> Iterator[None]:
        """Room for grants to PUBLIC, which the test revokes itself.

        MariaDB adds a `PUBLIC` entry to mysql.global_priv on the first grant to PUBLIC and
        keeps it; if this test added it and PUBLIC holds nothing any more, it is removed.
        """
        where = "WHERE User = 'PUBLIC' AND Host = ''"
        existed = bool(self.server.rows(f"SELECT 1 FROM mysql.global_priv {where}"))
        try:
            yield
        finally:
            held = self.server.rows(
                " UNION ALL ".join(
                    f"SELECT 1 FROM mysql.{table} {where}"
                    for table in ("db", "tables_priv", "columns_priv", "procs_priv")
                )
                + f" UNION ALL SELECT 1 FROM mysql.user {where} AND Select_priv = 'Y'"
            )
            if not existed and not held:
                self.server.execute(
                    f"DELETE FROM mysql.global_priv {where} AND JSON_VALUE(Priv, '$.access') = 0",
                    "FLUSH PRIVILEGES",
                )

    def drop_all(self) -> None:
        """Drop everything created, then anything else still carrying the suffix."""
        for statement in reversed(self.drops):
            self.server.execute(statement)
        self.drops.clear()
        pattern = literal(f"%\\_{self.suffix}")
        for user, host, is_role in self.server.rows(
            f"SELECT User, Host, is_role FROM mysql.user WHERE User LIKE {pattern}"
        ):
            if is_role == "Y":
                self.server.execute(f"DROP ROLE IF EXISTS {quote(user)}")
            else:
                self.server.execute(f"DROP USER IF EXISTS {literal(user)}@{literal(host)}")


@pytest.fixture
def accounts(server: Server) -> Iterator[Accounts]:
    """Accounts and roles for one test, never left behind."""
    created = Accounts(server)
    try:
        yield created
    finally:
        created.drop_all()


@dataclass(frozen=True)
class Example:
    """An example loaded under names of its own: its database, its accounts and roles by the
    names its files give them, and the host that stands for the files' EXAMPLE_HOST."""

    database: str
    names: dict[str, str]
    host: str

    def __getitem__(self, name: str) -> str:
        """The name used for an account or role the files name `name`."""
        return self.names[name]


@contextmanager
def example(server: Server, variant: str) -> Iterator[Example]:
    """examples/db/mariadb/`variant`.sql loaded with a unique suffix on its databases, accounts
    and roles, and a host of its own for its anonymous account and remote root; removed
    afterwards by the example's drop.sql under the same names. Nothing the test did not create
    is dropped, and concurrent runs do not meet."""
    suffix = secrets.token_hex(3)
    names = {name: f"{name}_{suffix}" for name in EXAMPLE_NAMES}
    host = f"%.am{suffix}.invalid"

    def script(name: str) -> str:
        text = renamed((EXAMPLES / name).read_text(encoding="utf-8"), names)
        return text.replace(EXAMPLE_HOST, host)

    try:
        server.run_script(script(f"{variant}.sql"))
        yield Example(names[f"fintech_{variant}"], names, host)
    finally:
        server.run_script(script("drop.sql"))
