"""dbmate: `<version>_<name>.sql` files in one folder (`db/migrations` by default), each with a
`-- migrate:up` section and a `-- migrate:down` section, and a `schema_migrations` table with a
row per version applied.

Only the up section is replayed. dbmate's optional checksum column (its checksum modes) is not
read: the table has it only where it was turned on, and the query must work on every table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import line_of, listed, peek, read_text

_FILE = re.compile(r"^(?P<version>\d+)_?(?P<name>.*)\.sql$")
# The section markers as dbmate matches them: at the start of a line, options may follow.
_UP = re.compile(r"^--\s*migrate:up(?:[ \t]*$|[ \t]+\S.*$)", re.MULTILINE)
_DOWN = re.compile(r"^--\s*migrate:down(?:[ \t]*$|[ \t]+\S.*$)", re.MULTILINE)
_DEFAULT_FOLDER = Path("db") / "migrations"
_QUERY = "SELECT version FROM {table} ORDER BY version"


def _folder(folder: Path) -> Path:
    """The migrations folder: `folder` itself, or its `db/migrations` (dbmate's default)."""
    if not _candidates(folder) and _candidates(folder / _DEFAULT_FOLDER):
        return folder / _DEFAULT_FOLDER
    return folder


def _candidates(folder: Path) -> list[Path]:
    return [path for path in listed(folder, ".sql") if _FILE.match(path.name)]


def up_section(text: str, path: Path) -> tuple[str, int]:
    """The SQL of the up section (without its marker line), and the line it starts at."""
    up = _UP.search(text)
    if up is None:
        raise MigrationsError(f"{path}: no '-- migrate:up' section")
    down = _DOWN.search(text, up.end())
    if _DOWN.search(text, 0, up.start()):
        raise MigrationsError(f"{path}: '-- migrate:down' comes before '-- migrate:up'")
    start = up.end() + 1 if up.end() < len(text) else up.end()
    end = down.start() if down else len(text)
    return text[start:end], line_of(text, start)


class Dbmate(MigrationTool):
    """dbmate's SQL files with up and down sections."""

    name: ClassVar[str] = "dbmate"
    tracker_table: ClassVar[str] = "schema_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        # Plain numbered SQL files are many tools' (or none's): the up marker is dbmate's own.
        return any(_UP.search(peek(path)) for path in _candidates(_folder(folder)))

    def read(self, folder: Path) -> tuple[Migration, ...]:
        migrations: list[Migration] = []
        seen: dict[str, Path] = {}
        for path in _candidates(_folder(folder)):
            match = _FILE.match(path.name)
            assert match is not None
            version = match["version"]
            if version in seen:
                raise MigrationsError(
                    f"{path}: version {version} again (also {seen[version].name})"
                )
            seen[version] = path
            sql, first_line = up_section(read_text(path), path)
            description = match["name"].replace("_", " ")
            migrations.append(Migration(version, description, path, None, sql, first_line))
        return tuple(migrations)

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        descriptions = {migration.version: migration.description for migration in migrations}
        return tuple(
            Applied(str(version), descriptions.get(str(version), "")) for (version,) in rows
        )
