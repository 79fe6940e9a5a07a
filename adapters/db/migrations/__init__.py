"""Migration folders and tracker tables: what the migrations claim was applied, and what they
create, for holding a live database against them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from adapters.db.engine import Dsn
from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.registry import TOOLS

__all__ = [
    "Applied",
    "Migration",
    "MigrationFolder",
    "MigrationTool",
    "MigrationsError",
    "MigrationsSource",
    "Tracker",
    "read_folder",
]


@dataclass(frozen=True)
class MigrationFolder:
    """A migrations folder, the tool it belongs to, and its migrations in order."""

    path: Path
    tool: MigrationTool
    migrations: tuple[Migration, ...]


@dataclass(frozen=True)
class MigrationsSource:
    """What a database is held against: its migrations, and where to replay them."""

    folder: MigrationFolder
    #: A server where a throwaway database may be created, replayed into and dropped.
    shadow: Dsn | None = None


def read_folder(path: Path, tool: str | None = None) -> MigrationFolder:
    """Read a migrations folder, recognising its tool unless `tool` names it."""
    where = f"--migrations {path}"
    if not path.is_dir():
        raise MigrationsError(f"{where}: not a folder")
    if tool is not None:
        chosen = TOOLS.get(tool)
        if chosen is None:
            raise MigrationsError(f"{where}: unknown tool {tool!r}; use {', '.join(sorted(TOOLS))}")
    else:
        found = [candidate for candidate in TOOLS.values() if candidate.recognises(path)]
        if not found:
            raise MigrationsError(
                f"{where}: no migrations of a known tool ({', '.join(sorted(TOOLS))}) found"
            )
        if len(found) > 1:
            names = ", ".join(candidate.name for candidate in found)
            raise MigrationsError(f"{where}: looks like {names}: say which with --migrations-tool")
        chosen = found[0]
    instance = chosen()
    return MigrationFolder(path, instance, instance.read(path))
