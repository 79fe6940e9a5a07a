"""Knex: JavaScript or TypeScript files exporting `up` and `down`, in one folder (`migrations`
by default) and applied in the order of their file names, and a `knex_migrations` table with a
row per migration applied, named by its file name (with its extension). The migrations are
code: they cannot be replayed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationTool, Tracker
from adapters.db.migrations.files import listed, peek

# Knex's default extensions for JavaScript and TypeScript, and .mjs (which it loads when the
# configuration lists it).
_EXTENSIONS = (".js", ".cjs", ".mjs", ".ts")
_DEFAULT_FOLDER = Path("migrations")
_EXPORTS_UP = re.compile(
    r"\bexports\.up\b|\bexport\s+(?:async\s+)?function\s+up\b|\bexport\s+const\s+up\b"
    r"|\bmodule\.exports\s*=\s*\{[^}]*\bup\b"
)
# Other tools' migrations export `up` too (Sequelize, node-pg-migrate, umzug): Knex's take a
# `knex` (or import its `Knex` type).
_KNEX = re.compile(r"\bknex\b", re.IGNORECASE)
_QUERY = "SELECT name FROM {table} ORDER BY id"


def _is_migration(path: Path) -> bool:
    if path.name.endswith(".d.ts"):
        return False
    text = peek(path)
    return bool(_EXPORTS_UP.search(text))


def _folder(folder: Path) -> Path:
    """`folder` itself, or its `migrations` folder (Knex's default)."""
    if not any(_is_migration(path) for path in listed(folder, *_EXTENSIONS)):
        return folder / _DEFAULT_FOLDER
    return folder


class Knex(MigrationTool):
    """Knex's JavaScript and TypeScript migrations."""

    name: ClassVar[str] = "knex"
    tracker_table: ClassVar[str] = "knex_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        candidates = [path for path in listed(_folder(folder), *_EXTENSIONS) if _is_migration(path)]
        return any(_KNEX.search(peek(path)) for path in candidates)

    def read(self, folder: Path) -> tuple[Migration, ...]:
        return tuple(
            Migration(path.name, path.stem.partition("_")[2].replace("_", " "), path)
            for path in listed(_folder(folder), *_EXTENSIONS)
            if _is_migration(path)
        )

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        descriptions = {migration.version: migration.description for migration in migrations}
        return tuple(Applied(str(name), descriptions.get(str(name), "")) for (name,) in rows)
