"""golang-migrate: `<version>_<name>.up.sql` and `.down.sql` files in one folder, and a
`schema_migrations` table holding only the latest version applied and whether it is dirty (its
migration started and did not finish). golang-migrate keeps no checksum."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import listed, read_text

_UP = re.compile(r"^(?P<version>\d+)_(?P<name>.*)\.up\.sql$")
_QUERY = "SELECT version, dirty FROM {table}"


class GolangMigrate(MigrationTool):
    """golang-migrate's numbered up/down SQL files."""

    name: ClassVar[str] = "golang-migrate"
    tracker_table: ClassVar[str] = "schema_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        return any(_UP.match(path.name) for path in listed(folder, ".up.sql"))

    def read(self, folder: Path) -> tuple[Migration, ...]:
        migrations: dict[int, Migration] = {}
        for path in listed(folder, ".up.sql"):
            match = _UP.match(path.name)
            if match is None:
                continue
            number = int(match["version"])
            if number in migrations:
                raise MigrationsError(
                    f"{path}: version {number} again (also {migrations[number].path.name})"
                )
            # The tracker holds the version as a number: 000001 is recorded as 1.
            migrations[number] = Migration(
                str(number), match["name"].replace("_", " "), path, None, read_text(path)
            )
        return tuple(migrations[number] for number in sorted(migrations))

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        if not rows:
            return ()
        version, dirty = rows[0]
        latest = int(version)
        # A negative version is golang-migrate's "none": a first migration that failed going down.
        if latest < 0:
            return ()
        applied = [
            Applied(migration.version, migration.description, None, True)
            for migration in migrations
            if int(migration.version) < latest
        ]
        latest_migration = next(
            (migration for migration in migrations if int(migration.version) == latest), None
        )
        description = latest_migration.description if latest_migration else ""
        applied.append(Applied(str(latest), description, None, not bool(dirty)))
        return tuple(applied)
