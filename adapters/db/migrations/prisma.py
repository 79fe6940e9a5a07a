"""Prisma Migrate: a `migrations` folder holding `migration_lock.toml` and a folder
`<timestamp>_<name>/` per migration with its `migration.sql`, and the `_prisma_migrations`
table with a row per attempt: the migration's name, the SHA-256 of its file (hex), when it
finished (NULL while unfinished or failed) and when it was rolled back."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationTool, Tracker
from adapters.db.migrations.files import read_exact

_LOCK = "migration_lock.toml"
_SCRIPT = "migration.sql"
_QUERY = (
    "SELECT migration_name, checksum, finished_at, rolled_back_at FROM {table} ORDER BY started_at"
)


def checksum(text: str) -> str:
    """Prisma's checksum of a migration file: the SHA-256 of its bytes, in hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _accepted(text: str) -> set[str]:
    """The checksums Prisma takes as this file's: of its bytes, and of them with the other line
    endings (git may have changed them on checkout); each also as an older Prisma wrote it, its
    bytes in hex without leading zeros."""
    variants = {text, text.replace("\r\n", "\n"), text.replace("\r\n", "\n").replace("\n", "\r\n")}
    accepted = set()
    for variant in variants:
        digest = hashlib.sha256(variant.encode("utf-8")).digest()
        accepted.add(digest.hex())
        accepted.add("".join(f"{byte:x}" for byte in digest))
    return accepted


def _migrations_folder(folder: Path) -> Path:
    """`folder` itself, or its `migrations` folder (given the `prisma` folder)."""
    if not (folder / _LOCK).is_file() and (folder / "migrations" / _LOCK).is_file():
        return folder / "migrations"
    return folder


class Prisma(MigrationTool):
    """Prisma Migrate's migration folders."""

    name: ClassVar[str] = "prisma"
    tracker_table: ClassVar[str] = "_prisma_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        found = _migrations_folder(folder)
        return (found / _LOCK).is_file() and any(found.glob(f"*/{_SCRIPT}"))

    def read(self, folder: Path) -> tuple[Migration, ...]:
        found = _migrations_folder(folder)
        migrations: list[Migration] = []
        # Prisma applies the folders in the order of their names.
        for script in sorted(found.glob(f"*/{_SCRIPT}"), key=lambda path: path.parent.name):
            name = script.parent.name
            text = read_exact(script)
            description = name.partition("_")[2].replace("_", " ") or name
            migrations.append(Migration(name, description, script, checksum(text), text))
        return tuple(migrations)

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        by_name = {migration.version: migration for migration in migrations}
        latest: dict[str, Applied] = {}
        for name, stored, finished_at, rolled_back_at in rows:
            if rolled_back_at is not None:
                # `migrate resolve --rolled-back`: the attempt no longer counts as applied.
                continue
            key = str(name)
            stored_text = None if stored is None else str(stored)
            migration = by_name.get(key)
            if (
                migration is not None
                and migration.sql is not None
                and stored_text in _accepted(migration.sql)
            ):
                # The same file as Prisma sees it, whatever its line endings or hex form.
                stored_text = migration.checksum
            description = migration.description if migration else ""
            # A migration re-applied after a rolled-back attempt: the last attempt counts.
            latest.pop(key, None)
            latest[key] = Applied(key, description, stored_text, finished_at is not None)
        return tuple(latest.values())
