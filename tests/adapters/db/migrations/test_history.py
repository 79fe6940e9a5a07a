"""The tracker's history held against the folder, whatever the tool."""

from __future__ import annotations

from pathlib import Path

from adapters.db.migrations.base import Applied, Migration
from adapters.db.migrations.history import check_history


def test_a_migration_for_other_engines_is_not_expected_in_the_tracker() -> None:
    everywhere = Migration("1", "accounts", Path("001.sql"), sql="CREATE TABLE a (id int);")
    postgres_only = Migration(
        "2", "a partial index", Path("002.sql"), sql="", engines=frozenset({"postgresql"})
    )
    applied = [Applied("1", "accounts")]

    assert check_history([everywhere, postgres_only], applied, "t", "mysql") == []
    (missing,) = check_history([everywhere, postgres_only], applied, "t", "postgresql")
    assert (missing.kind, missing.object) == ("migration", "2")
    assert missing.found == "not applied: t does not record migration 2"
    # Where the engine is not known, every migration is expected.
    assert len(check_history([everywhere, postgres_only], applied, "t")) == 1
