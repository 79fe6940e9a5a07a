"""Knex: JavaScript and TypeScript migrations, recorded by file name in `knex_migrations`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from adapters.db.migrations.knex import Knex
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import FIXTURES, history, scan
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

FOLDER = FIXTURES / "knex"
_NAMES = ["20240101000001_customers.js", "20240101000002_cards.ts", "20240101000003_refunds.mjs"]


def test_the_migrations_are_named_by_their_file_names_in_order() -> None:
    migrations = Knex().read(FOLDER)

    assert [m.version for m in migrations] == _NAMES
    assert [m.description for m in migrations] == ["customers", "cards", "refunds"]
    assert all(m.sql is None for m in migrations)


def test_a_project_is_read_from_its_migrations_folder(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "migrations")
    (tmp_path / "knexfile.js").write_text("module.exports = { client: 'pg' };\n")
    (tmp_path / "migrations" / "types.d.ts").write_text("export declare function up(): void;\n")

    assert Knex.recognises(tmp_path)
    assert [m.version for m in Knex().read(tmp_path)] == _NAMES


def test_other_tools_javascript_migrations_are_not_knex(tmp_path: Path) -> None:
    # Sequelize's: up and down take a query interface, not a knex.
    (tmp_path / "20240101000001-customers.js").write_text(
        "module.exports = {\n  async up(queryInterface, Sequelize) {\n"
        "    await queryInterface.createTable('customers', {});\n  },\n"
        "  async down(queryInterface) {},\n};\n"
    )

    assert not Knex.recognises(tmp_path)


def test_the_rows_are_the_names_applied() -> None:
    applied = Knex().applied([(_NAMES[0],), ("20230101_gone.js",)], Knex().read(FOLDER))

    assert [(a.version, a.description) for a in applied] == [
        (_NAMES[0], "customers"),
        ("20230101_gone.js", ""),
    ]


def test_the_names_recorded_hold_the_database_against_the_folder(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    # As Knex creates it on PostgreSQL.
    scratch.execute(
        "CREATE TABLE public.knex_migrations (id serial PRIMARY KEY, name varchar(255),"
        " batch integer, migration_time timestamptz)"
    )
    for name in _NAMES[:2]:
        scratch.execute(
            "INSERT INTO public.knex_migrations (name, batch, migration_time)"
            " VALUES (%s, 1, now())",
            (name,),
        )

    assert sorted(history(scan(run, scratch, FOLDER))) == [f"drift:migration:{_NAMES[2]}"]

    scratch.execute(
        "INSERT INTO public.knex_migrations (name, batch, migration_time) VALUES (%s, 2, now())",
        (_NAMES[2],),
    )
    assert history(scan(run, scratch, FOLDER)) == {}
