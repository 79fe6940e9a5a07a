"""golang-migrate: numbered up/down files, and a tracker holding the latest version only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.db.migrations import MigrationsError, read_folder
from adapters.db.migrations.golang_migrate import GolangMigrate
from adapters.db.migrations.history import check_history
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import (
    FIXTURES,
    assert_refunds_missing_then_present,
    history,
    scan,
)
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

FOLDER = FIXTURES / "golang-migrate"
_TRACKER = """
CREATE TABLE public.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)
"""


def test_the_up_files_are_read_in_the_order_of_their_versions() -> None:
    migrations = GolangMigrate().read(FOLDER)

    assert [m.version for m in migrations] == ["1", "2", "3", "4"]
    assert [m.description for m in migrations] == ["customers", "cards", "refunds", "card index"]
    assert migrations[0].sql == (FOLDER / "000001_customers.up.sql").read_text("utf-8")
    assert all(m.path.name.endswith(".up.sql") and m.checksum is None for m in migrations)


def test_the_recorded_version_claims_every_migration_up_to_it() -> None:
    migrations = GolangMigrate().read(FOLDER)

    applied = GolangMigrate().applied([(3, False)], migrations)

    assert [(a.version, a.success) for a in applied] == [("1", True), ("2", True), ("3", True)]
    (difference,) = check_history(migrations, applied, "schema_migrations")
    assert difference.object == "4"
    assert "does not record migration 4" in difference.found


def test_a_dirty_version_is_recorded_as_half_applied() -> None:
    migrations = GolangMigrate().read(FOLDER)

    applied = GolangMigrate().applied([(2, True)], migrations)

    assert [(a.version, a.success) for a in applied] == [("1", True), ("2", False)]
    found = {d.object: d.found for d in check_history(migrations, applied, "schema_migrations")}
    assert "as failed or half-applied" in found["2"]


def test_a_recorded_version_the_folder_lacks_is_claimed() -> None:
    migrations = GolangMigrate().read(FOLDER)

    applied = GolangMigrate().applied([(7, False)], migrations)

    assert [a.version for a in applied] == ["1", "2", "3", "4", "7"]
    (difference,) = check_history(migrations, applied, "schema_migrations")
    assert (difference.object, difference.found) == ("7", "no such migration in the folder")


@pytest.mark.parametrize("rows", [[], [(-1, True)]])
def test_no_version_claims_nothing(rows: list[tuple[int, bool]]) -> None:
    assert GolangMigrate().applied(rows, GolangMigrate().read(FOLDER)) == ()


def test_recognition_needs_up_files(tmp_path: Path) -> None:
    (tmp_path / "000001_customers.sql").write_text("SELECT 1;\n")
    assert not GolangMigrate.recognises(tmp_path)
    (tmp_path / "000002_cards.up.sql").write_text("SELECT 1;\n")
    assert GolangMigrate.recognises(tmp_path)


def test_two_files_of_one_version_are_an_error(tmp_path: Path) -> None:
    (tmp_path / "1_customers.up.sql").write_text("SELECT 1;\n")
    (tmp_path / "0001_cards.up.sql").write_text("SELECT 1;\n")

    with pytest.raises(MigrationsError, match="version 1 again"):
        read_folder(tmp_path)


def test_the_tracker_query_names_the_table_as_a_placeholder() -> None:
    tracker = GolangMigrate().tracker("postgresql")

    assert tracker.table == "schema_migrations"
    assert "{table}" in tracker.query and "dirty" in tracker.query


def _apply_all_but_refunds(scratch: Scratch, version: int, dirty: bool) -> None:
    for path in sorted(FOLDER.glob("*.up.sql")):
        if "refunds" not in path.name:
            scratch.execute(path.read_text("utf-8"))
    scratch.execute(_TRACKER)
    scratch.execute("INSERT INTO public.schema_migrations VALUES (%s, %s)", (version, dirty))


def test_a_claimed_migrations_missing_table_fails_and_passes_once_created(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    _apply_all_but_refunds(scratch, 4, False)

    assert_refunds_missing_then_present(run, scratch, FOLDER)


def test_a_dirty_database_is_recorded_as_half_applied(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    _apply_all_but_refunds(scratch, 4, True)

    found = history(scan(run, scratch, FOLDER))

    assert sorted(found) == ["drift:migration:4"]
    assert "failed or half-applied" in found["drift:migration:4"]
