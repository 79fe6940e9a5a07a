"""Rails: `db/migrate/<version>_<name>.rb`, and a row per version in `schema_migrations`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from adapters.db.migrations import read_folder
from adapters.db.migrations.dbmate import Dbmate
from adapters.db.migrations.golang_migrate import GolangMigrate
from adapters.db.migrations.rails import Rails
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import FIXTURES, history, scan
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

APP = FIXTURES / "rails"
_VERSIONS = ["20240101000001", "20240101000002", "20240101000003"]


def test_the_application_and_its_migrate_folder_are_read_alike() -> None:
    for folder in (APP, APP / "db" / "migrate"):
        migrations = Rails().read(folder)
        assert [m.version for m in migrations] == _VERSIONS
        assert migrations[0].description == "create customers"
        assert all(m.sql is None for m in migrations)


def test_versions_are_ordered_as_numbers(tmp_path: Path) -> None:
    for name in ("9_early.rb", "10_later.rb", "README.rb", "2_Bad.rb"):
        (tmp_path / name).write_text("class X < ActiveRecord::Migration[7.1]; end\n")

    assert [m.version for m in Rails().read(tmp_path)] == ["9", "10"]


def test_rails_and_the_sql_tools_of_schema_migrations_are_told_apart_by_file_type() -> None:
    assert [Rails.recognises(APP), Dbmate.recognises(APP), GolangMigrate.recognises(APP)] == [
        True,
        False,
        False,
    ]
    assert not Rails.recognises(FIXTURES / "dbmate")
    assert not Rails.recognises(FIXTURES / "golang-migrate")
    assert read_folder(APP).tool.name == "rails"


def test_the_rows_are_the_versions_applied() -> None:
    applied = Rails().applied([(v,) for v in _VERSIONS[:2]], Rails().read(APP))

    assert [(a.version, a.description) for a in applied] == [
        ("20240101000001", "create customers"),
        ("20240101000002", "create cards"),
    ]


def test_the_versions_recorded_hold_the_database_against_the_folder(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    # As Active Record creates it.
    scratch.execute(
        "CREATE TABLE public.schema_migrations (version character varying NOT NULL PRIMARY KEY)"
    )
    scratch.execute("INSERT INTO public.schema_migrations VALUES (%s), (%s)", _VERSIONS[:2])

    assert sorted(history(scan(run, scratch, APP))) == [f"drift:migration:{_VERSIONS[2]}"]

    scratch.execute("INSERT INTO public.schema_migrations VALUES (%s)", (_VERSIONS[2],))
    assert history(scan(run, scratch, APP)) == {}
