"""Prisma Migrate: a folder per migration with its `migration.sql`, and a row per attempt with
the SHA-256 of the file."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from adapters.db.migrations.history import check_history
from adapters.db.migrations.prisma import Prisma
from tests.adapters.db import pg
from tests.adapters.db.migrations.scanning import FIXTURES, assert_refunds_missing_then_present
from tests.adapters.db.pg import Scratch
from tests.conftest import Run

scratch = pg.scratch

FOLDER = FIXTURES / "prisma"
_NOW = datetime(2024, 1, 1, tzinfo=UTC)
# As `prisma migrate deploy` creates it on PostgreSQL.
_TRACKER = """
CREATE TABLE public."_prisma_migrations" (
    id varchar(36) PRIMARY KEY,
    checksum varchar(64) NOT NULL,
    finished_at timestamptz,
    migration_name varchar(255) NOT NULL,
    logs text,
    rolled_back_at timestamptz,
    started_at timestamptz NOT NULL DEFAULT now(),
    applied_steps_count integer NOT NULL DEFAULT 0
)
"""


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_each_folder_is_a_migration_with_the_sha256_of_its_file() -> None:
    migrations = Prisma().read(FOLDER)

    assert [m.version for m in migrations] == [
        "20240101000001_customers",
        "20240101000002_cards",
        "20240101000003_refunds",
        "20240101000004_card_index",
    ]
    first = migrations[0]
    assert first.description == "customers"
    assert first.checksum == _sha256(FOLDER / "20240101000001_customers" / "migration.sql")
    assert first.sql == (FOLDER / "20240101000001_customers" / "migration.sql").read_text("utf-8")


def test_the_prisma_folder_is_read_through_its_migrations(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path / "prisma" / "migrations")

    assert Prisma.recognises(tmp_path / "prisma")
    assert len(Prisma().read(tmp_path / "prisma")) == 4


def test_without_the_lock_file_it_is_not_prisma(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path, dirs_exist_ok=True)
    (tmp_path / "migration_lock.toml").unlink()

    assert not Prisma.recognises(tmp_path)


def _row(
    name: str, checksum: str | None, *, finished: bool = True, rolled_back: bool = False
) -> tuple[str | datetime | None, ...]:
    return (name, checksum, _NOW if finished else None, _NOW if rolled_back else None)


def test_failed_attempts_are_half_applied_and_rolled_back_ones_are_not_claimed() -> None:
    migrations = Prisma().read(FOLDER)
    sums = {m.version: m.checksum for m in migrations}
    first, second, third, _ = sums

    applied = Prisma().applied(
        [
            _row(first, sums[first]),
            _row(second, sums[second], finished=False, rolled_back=True),
            _row(second, sums[second]),
            _row(third, sums[third], finished=False),
        ],
        migrations,
    )

    assert [(a.version, a.success) for a in applied] == [
        (first, True),
        (second, True),
        (third, False),
    ]
    found = {d.object: d.found for d in check_history(migrations, applied, "_prisma_migrations")}
    assert "failed or half-applied" in found[third]


def test_a_changed_file_differs_from_its_recorded_checksum(tmp_path: Path) -> None:
    shutil.copytree(FOLDER, tmp_path, dirs_exist_ok=True)
    recorded = {m.version: m.checksum for m in Prisma().read(tmp_path)}
    (tmp_path / "20240101000002_cards" / "migration.sql").write_text("SELECT 1;\n")
    migrations = Prisma().read(tmp_path)

    applied = Prisma().applied(
        [_row(name, str(sum_)) for name, sum_ in recorded.items()], migrations
    )

    (difference,) = check_history(migrations, applied, "_prisma_migrations")
    assert (difference.kind, difference.object) == ("checksum", "20240101000002_cards")


def test_line_endings_and_unpadded_checksums_are_the_same_file(tmp_path: Path) -> None:
    folder = tmp_path / "migrations"
    (folder / "20240101000001_init").mkdir(parents=True)
    (folder / "migration_lock.toml").write_text('provider = "postgresql"\n')
    # Checked out on Windows: the file has CRLF, Prisma recorded the LF file's checksum.
    (folder / "20240101000001_init" / "migration.sql").write_bytes(b"SELECT 1;\r\nSELECT 2;\r\n")
    lf = hashlib.sha256(b"SELECT 1;\nSELECT 2;\n").digest()
    migrations = Prisma().read(folder)

    for stored in (lf.hex(), "".join(f"{byte:x}" for byte in lf)):
        applied = Prisma().applied([_row("20240101000001_init", stored)], migrations)
        assert check_history(migrations, applied, "_prisma_migrations") == []


def test_a_claimed_migrations_missing_table_fails_and_passes_once_created(
    run: Callable[..., Run], scratch: Scratch
) -> None:
    scratch.execute(_TRACKER)
    for rank, script in enumerate(sorted(FOLDER.glob("*/migration.sql"))):
        if "refunds" not in script.parent.name:
            scratch.execute(script.read_text("utf-8"))
        scratch.execute(
            'INSERT INTO public."_prisma_migrations" '
            "(id, checksum, finished_at, migration_name, started_at, applied_steps_count) "
            "VALUES (gen_random_uuid()::text, %s, now(), %s, now() + %s * interval '1 second', 1)",
            (_sha256(script), script.parent.name, rank),
        )

    assert_refunds_missing_then_present(run, scratch, FOLDER)
