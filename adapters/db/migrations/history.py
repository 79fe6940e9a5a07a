"""What the tracker table claims, held against the migrations folder."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.db.compare import Difference
from adapters.db.migrations.base import Applied, Migration


def check_history(
    migrations: Sequence[Migration],
    applied: Sequence[Applied],
    tracker: str,
    engine: str | None = None,
) -> list[Difference]:
    """Migrations the tracker claims that the folder lacks, migrations of the folder it does not
    record (of those that run on `engine`), migrations it records as failed, and checksums that
    differ where it keeps them."""
    by_version = {migration.version: migration for migration in migrations}
    recorded = {entry.version: entry for entry in applied}
    differences: list[Difference] = []
    for entry in applied:
        migration = by_version.get(entry.version)
        name = f"{entry.version} ({entry.description})" if entry.description else entry.version
        if migration is None:
            differences.append(
                Difference(
                    "migration",
                    entry.version,
                    f"the file of migration {name}, which {tracker} records as applied",
                    "no such migration in the folder",
                )
            )
            continue
        file = str(migration.path)
        if not entry.success:
            differences.append(
                Difference(
                    "migration",
                    entry.version,
                    "applied in full",
                    f"{tracker} records migration {name} as failed or half-applied",
                    file,
                )
            )
        stored, computed = entry.checksum, migration.checksum
        if stored is not None and computed is not None and stored != computed:
            differences.append(
                Difference(
                    "checksum",
                    entry.version,
                    f"checksum {stored}, as {tracker} recorded it when applied",
                    f"the file's checksum is {computed}: it changed since",
                    file,
                )
            )
    for migration in migrations:
        if migration.version not in recorded and migration.runs_on(engine):
            differences.append(
                Difference(
                    "migration",
                    migration.version,
                    f"recorded by {tracker}",
                    f"not applied: {tracker} does not record migration {migration.version}",
                    str(migration.path),
                )
            )
    return differences
