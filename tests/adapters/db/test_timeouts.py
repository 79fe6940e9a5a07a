"""Both engines within their time limits: a port that accepts and never answers, a server that
never completes the connection, and a statement held up by another session's lock."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest

from adapters.db.catalog import Catalog, Column, Relation, Sample
from adapters.db.engine import CollectOptions, Dsn, Engine
from adapters.db.mysql import MysqlEngine
from adapters.db.postgres import PostgresEngine
from checker.models import Unresolved
from tests.adapters.db import my, pg
from tests.adapters.db.my import Database, quote
from tests.adapters.db.pg import Scratch

# The fixtures of `my` and `pg`, used by name below.
server = my.server
database = my.database
scratch = pg.scratch

# Seconds each limit is set to, and how long a collection may take with them: the limit, the
# client's own grace after it, and libpq's two-second minimum for connecting.
LIMIT = 1.0
WITHIN = 6.0
ENGINES = {
    "mysql": (MysqlEngine, "shop", "root"),
    "postgresql": (PostgresEngine, "ledger", "scanner"),
}


def text_columns(_relation: Relation, column: Column) -> bool:
    return column.text_like


def timed(engine: Engine, dsn: Dsn, **options: Any) -> tuple[Catalog, float]:
    """The catalog the engine collects with both limits at `LIMIT`, and the seconds it took."""
    started = time.monotonic()
    limits = CollectOptions(connect_timeout=LIMIT, statement_timeout=LIMIT, **options)
    catalog = engine.collect(dsn, limits)
    return catalog, time.monotonic() - started


@contextmanager
def silent_server() -> Iterator[int]:
    """A port on 127.0.0.1 that accepts every connection and never sends a byte: its number."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.1)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            with suppress(TimeoutError):
                accepted.append(listener.accept()[0])

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1]
    finally:
        stop.set()
        thread.join()
        for connection in accepted:
            connection.close()
        listener.close()


@contextmanager
def full_server() -> Iterator[int]:
    """A port on 127.0.0.1 whose queue of connections is full, so that it never completes
    another one (the kernel drops the connection requests): its number."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    waiting: list[socket.socket] = []
    try:
        # With a backlog of 0 the queue holds one connection; fill it, and make sure.
        for _ in range(3):
            client = socket.socket()
            client.setblocking(False)
            with suppress(BlockingIOError):
                client.connect(("127.0.0.1", port))
            waiting.append(client)
        time.sleep(0.2)
        yield port
    finally:
        for client in waiting:
            client.close()
        listener.close()


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_a_port_that_accepts_and_never_answers_is_unreachable_within_the_limits(
    name: str,
) -> None:
    engine, database_name, user = ENGINES[name]
    with silent_server() as port:
        dsn = Dsn(name, "127.0.0.1", port, database_name, user=user, password="pw-silent")
        catalog, seconds = timed(engine(), dsn)

    assert seconds < WITHIN, seconds
    assert isinstance(catalog.roles, Unresolved)
    assert f"127.0.0.1:{port}" in catalog.roles.expression
    assert "timed out" in catalog.roles.reason
    assert f"127.0.0.1:{port} did not answer within" in catalog.roles.reason
    for part in (catalog.version, catalog.relations, catalog.functions, catalog.access):
        assert part == catalog.roles
    assert catalog.queries == 0
    assert "pw-silent" not in repr(catalog)


@pytest.mark.parametrize("name", sorted(ENGINES))
def test_a_server_that_never_completes_the_connection_is_unreachable_within_the_limit(
    name: str,
) -> None:
    engine, database_name, user = ENGINES[name]
    with full_server() as port:
        dsn = Dsn(name, "127.0.0.1", port, database_name, user=user, password="pw-full")
        catalog, seconds = timed(engine(), dsn)

    assert seconds < WITHIN, seconds
    assert isinstance(catalog.roles, Unresolved)
    assert f"127.0.0.1:{port} did not answer within" in catalog.roles.reason


def test_a_mysql_sample_held_up_by_a_lock_ends_unresolved_and_the_rest_is_read(
    database: Database,
) -> None:
    database.execute(
        "CREATE TABLE notes (id INT, body TEXT)",
        "CREATE TABLE open_notes (id INT, body TEXT)",
        "INSERT INTO open_notes VALUES (1, 'nothing here')",
    )
    locker = my.connect()
    try:
        with locker.cursor() as cursor:
            cursor.execute(f"LOCK TABLES {quote(database.name)}.notes WRITE")
        catalog, seconds = timed(
            MysqlEngine(), database.dsn(), sample_rows=5, sample_column=text_columns
        )
    finally:
        locker.close()

    assert seconds < WITHIN, seconds
    held = catalog.samples[f"{database.name}.notes.body"]
    assert isinstance(held, Unresolved)
    # The statement limit and the lock wait limit are the same length: either may fire.
    assert held.reason.startswith("timed out: it "), held.reason
    assert "max_statement_time" in held.reason or "Lock wait timeout" in held.reason
    assert catalog.samples[f"{database.name}.open_notes.body"] == Sample(1, 0)
    for part in (catalog.roles, catalog.relations, catalog.grants, catalog.functions):
        assert not isinstance(part, Unresolved), part


def test_a_postgresql_sample_held_up_by_a_lock_ends_unresolved_and_the_rest_is_read(
    scratch: Scratch,
) -> None:
    scratch.execute("CREATE TABLE notes (id int, body text)")
    scratch.execute("CREATE TABLE open_notes (id int, body text)")
    scratch.execute("INSERT INTO open_notes VALUES (1, 'nothing here')")
    locker = pg.connect(scratch.name)
    try:
        locker.execute("BEGIN")
        locker.execute("LOCK TABLE notes IN ACCESS EXCLUSIVE MODE")
        catalog, seconds = timed(
            PostgresEngine(), scratch.dsn(), sample_rows=5, sample_column=text_columns
        )
    finally:
        locker.close()

    assert seconds < WITHIN, seconds
    held = catalog.samples["public.notes.body"]
    assert isinstance(held, Unresolved)
    # The lock's wait is bounded as the statement is: whichever limit ends it first.
    assert held.reason.startswith(("QueryCanceled", "LockNotAvailable")), held.reason
    assert "timeout" in held.reason
    assert catalog.samples["public.open_notes.body"] == Sample(1, 0)
    for part in (catalog.roles, catalog.relations, catalog.grants, catalog.functions):
        assert not isinstance(part, Unresolved), part


class _LockedCursor:
    """A cursor whose statement the server ends at its lock wait limit."""

    def __enter__(self) -> _LockedCursor:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def execute(self, _sql: str) -> None:
        from pymysql import err

        raise err.OperationalError(1205, "Lock wait timeout exceeded; try restarting transaction")


class _LockedConnection:
    def cursor(self) -> _LockedCursor:
        return _LockedCursor()


def test_a_mysql_lock_wait_past_the_limit_is_reported_as_timed_out() -> None:
    from adapters.db.mysql import _Session

    session = _Session(_LockedConnection(), "127.0.0.1:3306", 1.0, 1.0)  # type: ignore[arg-type]
    held = session.read("a sample of shop.notes", "SELECT body FROM shop.notes LIMIT 5")

    assert isinstance(held, Unresolved)
    assert held.reason == (
        "timed out: it waited for a lock past 1 s "
        "(1205: Lock wait timeout exceeded; try restarting transaction)"
    )
    assert session.lost is None
