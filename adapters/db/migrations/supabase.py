"""The Supabase CLI: `supabase/migrations/<timestamp>_<name>.sql` files, and the table
`supabase_migrations.schema_migrations` with a row per version applied (its name, and the
statements the CLI split the file into).

The statements are not compared with the file: the CLI's own splitter decides them, and a
different split of the same SQL would look like a change. No checksum is held against the file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import listed, read_text

_FILE = re.compile(r"^(?P<version>\d+)_(?P<name>.*)\.sql$")
_QUERY = "SELECT version, name FROM {table} ORDER BY version"


def _migrations_folder(folder: Path) -> Path | None:
    """The `migrations` folder of a Supabase project: `folder` itself when it is `migrations`
    inside a `supabase` folder, or the `migrations` of the `supabase` folder given."""
    resolved = folder.resolve()
    if resolved.name == "migrations" and resolved.parent.name == "supabase":
        return folder
    if resolved.name == "supabase" and (folder / "migrations").is_dir():
        return folder / "migrations"
    return None


class Supabase(MigrationTool):
    """The Supabase CLI's timestamped SQL migrations."""

    name: ClassVar[str] = "supabase"
    tracker_table: ClassVar[str] = "supabase_migrations.schema_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        found = _migrations_folder(folder)
        return found is not None and any(_FILE.match(path.name) for path in listed(found, ".sql"))

    def read(self, folder: Path) -> tuple[Migration, ...]:
        found = _migrations_folder(folder) or folder
        migrations: list[Migration] = []
        seen: dict[str, Path] = {}
        for path in listed(found, ".sql"):
            match = _FILE.match(path.name)
            if match is None:
                # The CLI skips such files too.
                continue
            version = match["version"]
            if version in seen:
                raise MigrationsError(
                    f"{path}: version {version} again (also {seen[version].name})"
                )
            seen[version] = path
            migrations.append(Migration(version, match["name"], path, None, read_text(path)))
        return tuple(migrations)

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        return tuple(Applied(str(version), str(name or "")) for version, name in rows)
