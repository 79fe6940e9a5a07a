"""The Supabase CLI: `supabase/migrations/<timestamp>_<name>.sql`, recorded in
`supabase_migrations.schema_migrations`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from adapters.db.migrations.supabase import Supabase
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import FIXTURES, assert_refunds_missing_then_present
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

PROJECT = FIXTURES / "supabase"
# As the Supabase CLI creates it.
_TRACKER = """
CREATE SCHEMA supabase_migrations;
CREATE TABLE supabase_migrations.schema_migrations (
    version text NOT NULL PRIMARY KEY, statements text[], name text
);
"""


def test_the_supabase_folder_and_its_migrations_are_recognised() -> None:
    assert Supabase.recognises(PROJECT)
    assert Supabase.recognises(PROJECT / "migrations")


def test_a_migrations_folder_outside_a_supabase_project_is_not(tmp_path: Path) -> None:
    shutil.copytree(PROJECT / "migrations", tmp_path / "migrations")

    assert not Supabase.recognises(tmp_path / "migrations")
    assert not Supabase.recognises(tmp_path)


def test_the_files_are_read_by_version_and_others_skipped(tmp_path: Path) -> None:
    shutil.copytree(PROJECT, tmp_path / "supabase")
    (tmp_path / "supabase" / "migrations" / "seed.sql").write_text("INSERT INTO t VALUES (1);\n")

    migrations = Supabase().read(tmp_path / "supabase")

    assert [(m.version, m.description) for m in migrations] == [
        ("20240101000001", "customers"),
        ("20240101000002", "cards"),
        ("20240101000003", "refunds"),
        ("20240101000004", "card_index"),
    ]
    assert migrations[1].sql == (PROJECT / "migrations" / "20240101000002_cards.sql").read_text()
    assert all(m.checksum is None for m in migrations)


def test_the_tracker_is_in_the_schema_the_cli_fixes() -> None:
    tracker = Supabase().tracker("postgresql")

    assert tracker.table == "supabase_migrations.schema_migrations"
    assert "{table}" in tracker.query


def test_the_rows_are_the_versions_applied() -> None:
    applied = Supabase().applied([("20240101000001", "customers"), ("20240101000009", None)], [])

    assert [(a.version, a.description) for a in applied] == [
        ("20240101000001", "customers"),
        ("20240101000009", ""),
    ]


def test_a_claimed_migrations_missing_table_fails_and_passes_once_created(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    scratch.execute(_TRACKER)
    for path in sorted((PROJECT / "migrations").glob("*.sql")):
        text = path.read_text("utf-8")
        if "refunds" not in path.name:
            scratch.execute(text)
        version, _, name = path.stem.partition("_")
        scratch.execute(
            "INSERT INTO supabase_migrations.schema_migrations VALUES (%s, %s, %s)",
            (version, [text], name),
        )

    assert_refunds_missing_then_present(run, scratch, PROJECT)
