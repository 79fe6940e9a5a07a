"""Rails (Active Record): `db/migrate/<version>_<name>.rb` files, the version a UTC timestamp
(or, in old applications, a sequence number), and a `schema_migrations` table with a row per
version applied. The migrations are Ruby: they cannot be replayed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import files

# The file name as Active Record reads it: version, name, and an optional scope (an engine's).
_FILE = re.compile(r"^(?P<version>[0-9]+)_(?P<name>[_a-z0-9]*)\.?(?P<scope>[_a-z0-9]*)?\.rb$")
_DEFAULT_FOLDER = Path("db") / "migrate"
_QUERY = "SELECT version FROM {table} ORDER BY version"


def _candidates(folder: Path) -> list[Path]:
    # Active Record looks for migrations in subfolders of the migrations folder too.
    return [path for path in files(folder, ".rb") if _FILE.match(path.name)]


def _folder(folder: Path) -> Path:
    """`db/migrate` of the application given, or `folder` itself."""
    default = folder / _DEFAULT_FOLDER
    return default if default.is_dir() else folder


class Rails(MigrationTool):
    """Active Record's timestamped Ruby migrations."""

    name: ClassVar[str] = "rails"
    tracker_table: ClassVar[str] = "schema_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        return bool(_candidates(_folder(folder)))

    def read(self, folder: Path) -> tuple[Migration, ...]:
        migrations: dict[str, Migration] = {}
        for path in _candidates(_folder(folder)):
            match = _FILE.match(path.name)
            assert match is not None
            version = match["version"]
            if version in migrations:
                raise MigrationsError(
                    f"{path}: version {version} again (also {migrations[version].path})"
                )
            migrations[version] = Migration(version, match["name"].replace("_", " "), path)
        # Active Record runs them in the order of their versions as numbers.
        return tuple(migrations[version] for version in sorted(migrations, key=int))

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        descriptions = {migration.version: migration.description for migration in migrations}
        return tuple(
            Applied(str(version), descriptions.get(str(version), "")) for (version,) in rows
        )
