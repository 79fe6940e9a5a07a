"""Liquibase changelogs written with Liquibase's own change types (createTable, addColumn,
createIndex, ...), held against live PostgreSQL and MariaDB databases: the SQL Liquibase would
generate is applied and recorded in `databasechangelog` as Liquibase records it, then the
changelog is replayed into a shadow database (or parsed, without one) and compared."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.db.migrations.liquibase import Liquibase, identity
from tests.adapters.db import my, pg
from tests.adapters.db.my import Database
from tests.adapters.db.pg import SUPERUSER, Scratch
from tests.conftest import DATA, Run

scratch = pg.scratch
server = my.server
database = my.database

CHANGELOG = DATA / "db" / "migrations" / "liquibase-xml"
PG_SHADOW = f"postgresql://{SUPERUSER}@{pg.HOST}:{pg.PORT}/postgres"
MY_SHADOW = f"mysql://{my.ADMIN}@{my.HOST}:{my.PORT}/mysql"
# Liquibase records the path it was given, from its search path.
_PREFIX = "db/changelog/"
_COLUMNS = """
    {id} VARCHAR(255) NOT NULL,
    {author} VARCHAR(255) NOT NULL,
    {filename} VARCHAR(255) NOT NULL,
    {dateexecuted} {timestamp} NOT NULL,
    {orderexecuted} INT NOT NULL,
    {exectype} VARCHAR(10) NOT NULL,
    {md5sum} VARCHAR(35),
    {description} VARCHAR(255),
    {comments} VARCHAR(255),
    {tag} VARCHAR(255),
    {liquibase} VARCHAR(20),
    {contexts} VARCHAR(255),
    {labels} VARCHAR(255),
    {deployment_id} VARCHAR(10)
"""
_NAMES = (
    "id", "author", "filename", "dateexecuted", "orderexecuted", "exectype", "md5sum",
    "description", "comments", "tag", "liquibase", "contexts", "labels", "deployment_id",
)  # fmt: skip


def tracker(table: str, *, upper: bool, timestamp: str) -> str:
    """`databasechangelog` as Liquibase creates it (in upper case on MySQL)."""
    names = {name: name.upper() if upper else name for name in _NAMES}
    return f"CREATE TABLE {table} ({_COLUMNS.format(timestamp=timestamp, **names)})"


def records(engine: str) -> list[tuple[str, str]]:
    """Each changeset's SQL on `engine`, and the INSERT that records it as Liquibase does."""
    found = []
    for order, migration in enumerate(Liquibase().read(CHANGELOG), start=1):
        sql = migration.sql_on(engine)
        assert sql is not None, migration.version
        changelog, changeset_id, author = identity(migration.version)
        found.append(
            (
                sql,
                "INSERT INTO {table} (id, author, filename, dateexecuted, orderexecuted, "
                "exectype, md5sum, liquibase) VALUES "
                f"('{changeset_id}', '{author}', '{_PREFIX}{changelog}', NOW(), {order}, "
                "'EXECUTED', '9:0123', '4.29.0')",
            )
        )
    return found


def scan(run: Callable[..., Run], dsn: str, *extra: str) -> Run:
    return run(
        "scan", "db", "--dsn", dsn, "--migrations", CHANGELOG, *extra, "--format", "json",
        "--control", "pci-6.5.1-db-schema-drift",
    )  # fmt: skip


def failing(result: Run) -> dict[str, str]:
    (control,) = result.json()["controls"]
    found: list[dict[str, Any]] = control["findings"]
    return {f["resource"]: f["message"] for f in found if f["status"] != "pass"}


def assert_passes(result: Run) -> None:
    assert result.code == 0, result.out or result.err
    assert failing(result) == {}


def test_every_changeset_of_the_changelog_is_sql_on_both_engines() -> None:
    migrations = Liquibase().read(CHANGELOG)

    assert [m.version for m in migrations] == [
        "changes/001-customers.xml::1::alice",
        "changes/001-customers.xml::2::alice",
        "changes/002-cards.yaml::cards::bob",
        "db.changelog-master.xml::3::carol",
        "db.changelog-master.xml::4::carol",
    ]
    assert all(m.sql_on(engine) for m in migrations for engine in ("postgresql", "mysql"))
    # The changeset's own line, where its SQL is Liquibase's.
    assert [m.first_line for m in migrations] == [3, 16, 3, 10, 22]


def test_postgresql_matches_the_changelog_and_misses_the_dropped_index(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    for sql, _ in records("postgresql"):
        scratch.execute(sql)
    scratch.execute(tracker("public.databasechangelog", upper=False, timestamp="TIMESTAMP"))
    for _, insert in records("postgresql"):
        scratch.execute(insert.format(table="public.databasechangelog"))
    dsn = f"postgresql://{SUPERUSER}@{pg.HOST}:{pg.PORT}/{scratch.name}"

    assert_passes(scan(run, dsn, "--shadow-dsn", PG_SHADOW))
    assert_passes(scan(run, dsn))

    scratch.execute("DROP INDEX public.idx_cards_customer")

    assert_only_missing(run, dsn, PG_SHADOW, "drift:index:public.cards:idx_cards_customer")


def test_mariadb_matches_the_changelog_and_misses_the_dropped_column(
    run: Callable[..., Run], database: Database
) -> None:
    for sql, _ in records("mysql"):
        database.server.run_script(f"USE {my.quote(database.name)};\n{sql}")
    database.execute(tracker("DATABASECHANGELOG", upper=True, timestamp="DATETIME"))
    for _, insert in records("mysql"):
        database.execute(insert.format(table="DATABASECHANGELOG"))
    dsn = f"mysql://{my.ADMIN}@{my.HOST}:{my.PORT}/{database.name}"

    assert_passes(scan(run, dsn, "--shadow-dsn", MY_SHADOW))
    assert_passes(scan(run, dsn))

    database.execute("ALTER TABLE customers DROP COLUMN joined_at")

    assert_only_missing(run, dsn, MY_SHADOW, f"drift:column:{database.name}.customers.joined_at")


def assert_only_missing(run: Callable[..., Run], dsn: str, shadow: str, address: str) -> None:
    """Replayed on `shadow` and parsed alike, the one failing resource is `address`."""
    for result in (scan(run, dsn, "--shadow-dsn", shadow), scan(run, dsn)):
        assert result.code == 1, result.err
        assert list(failing(result)) == [address]
