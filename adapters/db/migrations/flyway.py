"""Flyway: `V<version>__<description>.sql` files (baseline `B<version>__...` and repeatable
`R__<description>.sql` too) in `flyway_schema_history`, with a CRC-32 checksum of each file's
lines."""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationTool, Tracker
from adapters.db.migrations.files import read_text, sql_files

# A baseline migration (B) stands for every versioned one up to it on an empty database.
_VERSIONED = re.compile(r"^[VB](?P<version>\d+(?:[._]\d+)*)__(?P<description>.+)\.sql$")
_REPEATABLE = re.compile(r"^R__(?P<description>.+)\.sql$")
_QUERY = "SELECT version, description, checksum, success, type FROM {table} ORDER BY installed_rank"
# Rows that record no migration of the folder: the schema's creation and deleted entries.
_NOT_MIGRATIONS = frozenset({"SCHEMA", "DELETE", "UNDO_SQL", "UNDO_JDBC"})


def checksum(text: str) -> str:
    """Flyway's checksum: CRC-32 of each line's UTF-8 bytes without its line ending, a leading
    byte-order mark dropped, as a signed 32-bit integer."""
    crc = 0
    for line in text.removeprefix("\ufeff").splitlines():
        crc = zlib.crc32(line.encode("utf-8"), crc)
    return str(crc - (1 << 32) if crc >= 1 << 31 else crc)


def _order(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _repeatable(description: str) -> str:
    # Repeatable migrations have no version; the tracker keys them by description.
    return f"R:{description}"


class Flyway(MigrationTool):
    """Flyway's versioned and repeatable SQL migrations."""

    name: ClassVar[str] = "flyway"
    tracker_table: ClassVar[str] = "flyway_schema_history"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        return any(_VERSIONED.match(path.name) for path in sql_files(folder))

    def read(self, folder: Path) -> tuple[Migration, ...]:
        versioned: list[Migration] = []
        repeatable: list[Migration] = []
        for path in sql_files(folder):
            text = None
            if match := _VERSIONED.match(path.name):
                text = read_text(path)
                version = match["version"].replace("_", ".")
                description = match["description"].replace("_", " ")
                target = versioned
            elif match := _REPEATABLE.match(path.name):
                text = read_text(path)
                description = match["description"].replace("_", " ")
                version = _repeatable(description)
                target = repeatable
            if text is not None:
                target.append(Migration(version, description, path, checksum(text), text))
        versioned.sort(key=lambda migration: _order(migration.version))
        # Repeatable migrations run after the versioned ones, by description.
        repeatable.sort(key=lambda migration: migration.description)
        return (*versioned, *repeatable)

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        latest: dict[str, Applied] = {}
        baseline: tuple[int, ...] | None = None
        for version, description, stored, success, kind in rows:
            if str(kind).upper() in _NOT_MIGRATIONS:
                continue
            if str(kind).upper() == "BASELINE" and version is not None:
                baseline = _order(str(version))
                continue
            key = str(version) if version is not None else _repeatable(str(description))
            checksum_text = None if stored is None else str(stored)
            # A repeatable migration is re-recorded each time it changes: the last row counts.
            latest[key] = Applied(key, str(description or ""), checksum_text, bool(success))
        if baseline is not None:
            # Migrations up to the baseline were applied before Flyway took over.
            for migration in migrations:
                if not migration.version.startswith("R:") and _order(migration.version) <= baseline:
                    latest.setdefault(
                        migration.version,
                        Applied(migration.version, migration.description, migration.checksum),
                    )
        return tuple(latest.values())
