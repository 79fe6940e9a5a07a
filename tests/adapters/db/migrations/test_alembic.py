"""Alembic: a revision graph, and a tracker holding the head revision(s) only."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.db.migrations import MigrationsError
from adapters.db.migrations.alembic import Alembic, Revision
from adapters.db.migrations.history import check_history
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import FIXTURES, SHADOW, findings, history, scan
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

FOLDER = FIXTURES / "alembic"
BASE, CARDS, REFUNDS, MERGE = "1a2b3c4d5e6f", "2b3c4d5e6f70", "3c4d5e6f7081", "4d5e6f708192"


def _revision_file(folder: Path, revision: str, down: str) -> None:
    (folder / f"{revision}_r.py").write_text(
        f'"""{revision}"""\n\nrevision = "{revision}"\ndown_revision = {down}\n'
    )


def test_revisions_are_ordered_by_the_graph_bases_first() -> None:
    migrations = Alembic().read(FOLDER)

    assert [m.version for m in migrations] == [BASE, CARDS, REFUNDS, MERGE]
    assert [m.description for m in migrations] == [
        "customers",
        "cards",
        "refunds, on a branch of their own",
        "merge cards and refunds",
    ]
    merge = migrations[3]
    assert isinstance(merge, Revision) and merge.parents == (CARDS, REFUNDS)
    assert all(m.sql is None for m in migrations)


def test_the_versions_folder_itself_is_read_too() -> None:
    assert Alembic.recognises(FOLDER / "versions")
    assert len(Alembic().read(FOLDER / "versions")) == 4


def test_a_merged_head_claims_both_branches() -> None:
    migrations = Alembic().read(FOLDER)

    applied = Alembic().applied([(MERGE,)], migrations)

    assert [a.version for a in applied] == [BASE, CARDS, REFUNDS, MERGE]
    assert check_history(migrations, applied, "alembic_version") == []


def test_two_heads_claim_their_ancestors_only() -> None:
    migrations = Alembic().read(FOLDER)

    applied = Alembic().applied([(CARDS,), (REFUNDS,)], migrations)

    assert [a.version for a in applied] == [BASE, CARDS, REFUNDS]
    (difference,) = check_history(migrations, applied, "alembic_version")
    assert difference.object == MERGE and "does not record" in difference.found


def test_a_head_the_folder_lacks_is_a_claimed_migration_missing_from_it() -> None:
    migrations = Alembic().read(FOLDER)

    applied = Alembic().applied([("ffffffffffff",)], migrations)

    assert [a.version for a in applied] == ["ffffffffffff"]
    found = {d.object: d.found for d in check_history(migrations, applied, "alembic_version")}
    assert found["ffffffffffff"] == "no such migration in the folder"
    assert len(found) == 5


def test_an_ancestor_the_folder_lacks_is_claimed_too(tmp_path: Path) -> None:
    _revision_file(tmp_path, "bbbb", '"aaaa"')

    applied = Alembic().applied([("bbbb",)], Alembic().read(tmp_path))

    assert [a.version for a in applied] == ["bbbb", "aaaa"]


def test_a_cycle_is_an_error(tmp_path: Path) -> None:
    _revision_file(tmp_path, "aaaa", '"bbbb"')
    _revision_file(tmp_path, "bbbb", '"aaaa"')

    with pytest.raises(MigrationsError, match="cycle"):
        Alembic().read(tmp_path)


def test_a_revision_twice_is_an_error(tmp_path: Path) -> None:
    _revision_file(tmp_path, "aaaa", "None")
    shutil.copy(tmp_path / "aaaa_r.py", tmp_path / "copy.py")

    with pytest.raises(MigrationsError, match="revision aaaa again"):
        Alembic().read(tmp_path)


def test_django_migrations_are_not_alembic_revisions() -> None:
    assert not Alembic.recognises(FIXTURES / "django")
    assert not Alembic.recognises(FIXTURES / "django" / "payments" / "migrations")


def test_the_head_recorded_holds_the_database_against_the_folder(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    # As Alembic creates it.
    scratch.execute(
        "CREATE TABLE public.alembic_version (version_num varchar(32) NOT NULL,"
        " CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    scratch.execute("INSERT INTO public.alembic_version VALUES (%s)", (CARDS,))

    found = history(scan(run, scratch, FOLDER))

    assert sorted(found) == [f"drift:migration:{REFUNDS}", f"drift:migration:{MERGE}"]

    scratch.execute("UPDATE public.alembic_version SET version_num = %s", (MERGE,))
    assert history(scan(run, scratch, FOLDER)) == {}

    result = scan(run, scratch, FOLDER, "--shadow-dsn", SHADOW)
    assert result.code == 3, result.out
    (error,) = [f for f in findings(result) if f["status"] == "error"]
    assert "alembic migrations that are not SQL cannot be replayed" in error["message"]
