"""A real PostgreSQL server for the engine tests: 127.0.0.1:5432, superuser `postgres`, trust
authentication (the Debian/Ubuntu packaged cluster, or a container publishing 5432).

Every test gets a database of its own with a unique name, and roles with a unique suffix.
Roles are cluster-wide, so each one is dropped afterwards (`DROP OWNED BY` in the test
database, then `DROP ROLE`); nothing is left on the server. The server may be shared: a test
never drops a database or role it did not create, and the examples are loaded with roles of
the test's own (`Scratch.load_example`), never the server's.
"""

from __future__ import annotations

import re
import secrets
import subprocess
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql

from adapters.db.engine import Dsn

HOST = "127.0.0.1"
PORT = 5432
SUPERUSER = "postgres"
EXAMPLES = Path(__file__).parents[3] / "examples" / "db" / "postgres"
#: The roles examples/db/postgres creates (cluster-wide), by the names its files give them.
EXAMPLE_ROLES = (
    "fintech_anon",
    "fintech_authenticated",
    "fintech_web_readers",
    "fintech_app_service",
    "fintech_reporting",
)
#: The comment those files mark the roles they create with, for drop-roles.sql.
EXAMPLE_MARK = "assaymark example role"

_HOW_TO_START = (
    f"the engine tests need PostgreSQL on {HOST}:{PORT} with a superuser {SUPERUSER!r} "
    "trusted from 127.0.0.1 (pg_hba.conf: host all all 127.0.0.1/32 trust). "
    "Install it (apt-get install postgresql) and start it "
    "(pg_ctlcluster --skip-systemctl-redirect <version> main start), or run "
    "docker run -d -p 5432:5432 -e POSTGRES_HOST_AUTH_METHOD=trust postgres:16"
)
_start_tried = False


def connect(dbname: str = "postgres", user: str = SUPERUSER) -> psycopg.Connection[Any]:
    """An autocommit connection as `user` (the superuser unless told)."""
    return psycopg.connect(
        host=HOST, port=PORT, user=user, dbname=dbname, autocommit=True, connect_timeout=5
    )


def _start_cluster() -> str:
    clusters = Path("/etc/postgresql")
    versions = (
        sorted(
            (path.name for path in clusters.iterdir() if path.name.replace(".", "").isdigit()),
            key=lambda version: [int(part) for part in version.split(".")],
        )
        if clusters.is_dir()
        else []
    )
    if not versions:
        return "no cluster under /etc/postgresql"
    try:
        done = subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "start"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"pg_ctlcluster failed: {exc}"
    return (done.stderr or done.stdout).strip()


def ensure_server() -> None:
    """Make sure the server answers (failing, never skipping, when it does not), with another
    project's databases and roles beside the tests' own (`tests.shared_server`)."""
    from tests import shared_server

    reach_server()
    shared_server.plant()


def reach_server() -> None:
    """Fail (never skip) with what to install or start when the server cannot be reached; tries
    to start a local cluster once first."""
    global _start_tried
    try:
        connect().close()
        return
    except psycopg.OperationalError as exc:
        first = exc
    if _start_tried:
        pytest.fail(f"{_HOW_TO_START} ({first})", pytrace=False)
    _start_tried = True
    started = _start_cluster()
    for _ in range(40):
        try:
            connect().close()
            return
        except psycopg.OperationalError:
            time.sleep(0.25)
    pytest.fail(f"{_HOW_TO_START} ({first}; starting it: {started})", pytrace=False)


def unique(prefix: str) -> str:
    """`prefix` with a random suffix, for names that must not clash across runs."""
    return f"{prefix}_{secrets.token_hex(4)}"


def renamed(text: str, names: Mapping[str, str]) -> str:
    """`text` with every whole-word occurrence of a key of `names` replaced by its value."""
    pattern = re.compile(r"\b(" + "|".join(re.escape(name) for name in names) + r")\b")
    return pattern.sub(lambda match: names[match.group(1)], text)


class Scratch:
    """A fresh database, and the roles created for it; `close` drops them all."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.suffix = name.rsplit("_", 1)[-1]
        self.roles: list[str] = []
        self._admin = connect()
        self._admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        self.db = connect(name)

    def dsn(self, user: str = SUPERUSER, **params: str) -> Dsn:
        """The connection string the engine is given."""
        return Dsn("postgresql", HOST, PORT, self.name, user=user, params=params)

    def execute(self, statement: str, params: Any = None) -> list[tuple[Any, ...]]:
        """Run SQL in the test database as the superuser; the rows it returns, if any."""
        cursor = self.db.execute(statement, params)
        return cursor.fetchall() if cursor.description else []

    def role(self, prefix: str, attributes: str = "NOLOGIN") -> str:
        """Create `prefix_<suffix>` with `attributes` (trusted SQL from the test); its name."""
        name = f"{prefix}_{self.suffix}"
        self.track([name])
        self._admin.execute(
            sql.SQL("CREATE ROLE {} {}").format(sql.Identifier(name), sql.SQL(attributes))
        )
        return name

    def track(self, names: Iterable[str]) -> None:
        """Drop these roles on close too (roles created by SQL the test runs). Only roles the
        test creates belong here: a role that existed before it is never the test's to drop."""
        for name in names:
            if name not in self.roles:
                self.roles.append(name)

    def load_example(self, variant: str) -> dict[str, str]:
        """Load examples/db/postgres/`variant`.sql with its roles renamed `<role>_<suffix>`:
        the example as shipped, but with roles the test creates (and `close` drops) itself,
        never a server's own. The names used, by the names the file gives."""
        names = {role: f"{role}_{self.suffix}" for role in EXAMPLE_ROLES}
        self.track(names.values())
        self.execute(renamed((EXAMPLES / f"{variant}.sql").read_text(encoding="utf-8"), names))
        return names

    def existing_roles(self, names: Iterable[str]) -> list[str]:
        """Those of `names` that exist on the server."""
        rows = self._admin.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s) ORDER BY 1", (list(names),)
        ).fetchall()
        return [name for (name,) in rows]

    def backend_pids(self, application_name: str) -> list[int]:
        """The server processes of this database's connections with this application name."""
        rows = self._admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            (self.name, application_name),
        ).fetchall()
        return [pid for (pid,) in rows]

    def terminate(self, pid: int) -> None:
        """End a backend, and wait until it is gone."""
        self._admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        for _ in range(100):
            if not self._admin.execute(
                "SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)
            ).fetchone():
                return
            time.sleep(0.02)

    def close(self) -> None:
        """Drop the database and every tracked role; fail if a role of the test stays behind."""
        try:
            existing = self.existing_roles(self.roles)
            if existing:
                self.db.execute(
                    sql.SQL("DROP OWNED BY {}").format(
                        sql.SQL(", ").join(sql.Identifier(name) for name in existing)
                    )
                )
        finally:
            self.db.close()
            self._admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (self.name,),
            )
            self._admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(self.name))
            )
            left = self._drop_roles()
            self._admin.close()
        if left:
            raise AssertionError(f"roles left on the server: {left}")

    def _drop_roles(self) -> list[str]:
        left = []
        for name in self.roles:
            try:
                self._admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(name)))
            except psycopg.errors.DependentObjectsStillExist as exc:
                left.append(f"{name} ({exc.diag.message_primary})")
        return left


@contextmanager
def scratch_database(prefix: str = "assaymark_test") -> Iterator[Scratch]:
    """A fresh database with a unique name, dropped afterwards with its roles."""
    ensure_server()
    scratch = Scratch(unique(prefix))
    try:
        yield scratch
    finally:
        scratch.close()


@pytest.fixture
def scratch() -> Iterator[Scratch]:
    """A fresh database (and its roles) for one test."""
    with scratch_database() as database:
        yield database


@contextmanager
def exclusive(key: int) -> Iterator[None]:
    """Hold a cluster-wide advisory lock, for tests that use fixed, cluster-wide role names."""
    ensure_server()
    with connect() as admin:
        admin.execute("SELECT pg_advisory_lock(%s)", (key,))
        try:
            yield
        finally:
            with suppress(psycopg.Error):
                admin.execute("SELECT pg_advisory_unlock(%s)", (key,))
