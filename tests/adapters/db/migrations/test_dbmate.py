"""dbmate: SQL files with up and down sections, and a row per version applied."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.db.migrations import MigrationsError, read_folder
from adapters.db.migrations.dbmate import Dbmate
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import (
    FIXTURES,
    SHADOW,
    assert_refunds_missing_then_present,
    findings,
    scan,
)
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

FOLDER = FIXTURES / "dbmate"
_TRACKER = "CREATE TABLE public.schema_migrations (version varchar(128) PRIMARY KEY)"


def test_only_the_up_section_is_replayed_from_the_line_after_its_marker() -> None:
    migrations = Dbmate().read(FOLDER)

    assert [m.version for m in migrations] == [
        "20240101000001",
        "20240101000002",
        "20240101000003",
        "20240101000004",
    ]
    first = migrations[0]
    assert first.description == "customers"
    assert first.first_line == 2
    assert first.sql is not None
    assert first.sql.startswith("CREATE SCHEMA payments;")
    assert "DROP" not in first.sql and "migrate:" not in first.sql
    # Options on the marker line (transaction:false) are not SQL.
    assert migrations[3].sql == ("CREATE INDEX cards_customer ON payments.cards (customer_id);\n\n")


def test_the_sections_may_follow_comments_and_lack_a_down(tmp_path: Path) -> None:
    (tmp_path / "001_users.sql").write_text(
        "-- the users\n\n--  migrate:up\nCREATE TABLE users (id int);\n"
    )

    (migration,) = Dbmate().read(tmp_path)

    assert (migration.version, migration.first_line) == ("001", 4)
    assert migration.sql == "CREATE TABLE users (id int);\n"


def test_plain_numbered_sql_is_not_dbmate(tmp_path: Path) -> None:
    (tmp_path / "20240101000001_customers.sql").write_text("CREATE TABLE t (id int);\n")

    assert not Dbmate.recognises(tmp_path)
    assert not Dbmate.recognises(FIXTURES / "golang-migrate")


def test_a_project_is_read_from_its_default_folder(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "db" / "migrations")

    assert Dbmate.recognises(tmp_path)
    assert len(read_folder(tmp_path).migrations) == 4


def test_a_file_without_an_up_section_is_an_error(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path, dirs_exist_ok=True)
    (tmp_path / "20240101000005_more.sql").write_text("CREATE TABLE t (id int);\n")

    with pytest.raises(MigrationsError, match=r"20240101000005_more\.sql: no '-- migrate:up'"):
        Dbmate().read(tmp_path)


def test_a_down_section_before_the_up_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "1_t.sql").write_text("-- migrate:down\nDROP TABLE t;\n-- migrate:up\nSELECT 1;\n")

    with pytest.raises(MigrationsError, match="before"):
        Dbmate().read(tmp_path)


def test_the_tracker_rows_are_the_versions_applied() -> None:
    migrations = Dbmate().read(FOLDER)

    applied = Dbmate().applied([("20240101000001",), ("20240101000002",)], migrations)

    assert [(a.version, a.description) for a in applied] == [
        ("20240101000001", "customers"),
        ("20240101000002", "cards"),
    ]


def _apply_all_but_refunds(scratch: Scratch, folder: Path) -> None:
    scratch.execute(_TRACKER)
    for path in sorted(folder.glob("*.sql")):
        if "refunds" not in path.name:
            scratch.execute(path.read_text("utf-8").split("-- migrate:down")[0])
        scratch.execute("INSERT INTO public.schema_migrations VALUES (%s)", (path.name[:14],))


def test_a_claimed_migrations_missing_table_fails_and_passes_once_created(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    _apply_all_but_refunds(scratch, FOLDER)

    assert_refunds_missing_then_present(run, scratch, FOLDER)


def test_a_replay_that_fails_names_the_line_of_the_file(
    run: Callable[..., Run], scratch: Scratch, tmp_path: Path
) -> None:
    _apply_all_but_refunds(scratch, FOLDER)
    folder = tmp_path / "migrations"
    shutil.copytree(FOLDER, folder)
    broken = folder / "20240101000004_card_index.sql"
    broken.write_text(
        "-- migrate:up\n\nCREATE VIEW payments.v AS SELECT * FROM payments.nowhere;\n"
        "-- migrate:down\n"
    )

    result = scan(run, scratch, folder, "--shadow-dsn", SHADOW)

    assert result.code == 3, result.out
    (error,) = [f for f in findings(result) if f["status"] == "error"]
    assert f"{broken}:3:" in error["message"]
    assert "payments.nowhere" in error["message"]
