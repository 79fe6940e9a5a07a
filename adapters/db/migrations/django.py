"""Django: `<app>/migrations/<name>.py` modules defining `class Migration(migrations.Migration)`,
and a `django_migrations` table with a row (app, name) per migration applied.

The app is named by the folder holding `migrations/` (Django's default app label; an
`AppConfig.label` set otherwise is not read). Only the apps the folder holds are held against
the table: Django records the migrations of installed apps too (`auth`, `contenttypes`, ...),
whose files are not in the project. A squashed migration (`replaces = [...]`) counts as
applied when all it replaces were, and the other way round, as Django counts them. The
migrations are Python: they cannot be replayed; they are ordered by app and name, not by their
dependencies.
"""

from __future__ import annotations

import ast
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import peek, read_text

_MIGRATION_CLASS = re.compile(r"^class\s+Migration\s*\(\s*migrations\.Migration\s*\)", re.MULTILINE)
# Folders that hold no project apps: installed packages, caches, version control.
_NOT_PROJECT = frozenset({"node_modules", "__pycache__", "site-packages", "venv", "env"})
_QUERY = "SELECT app, name FROM {table} ORDER BY id"


@dataclass(frozen=True)
class DjangoMigration(Migration):
    """A Django migration: a migration with the migrations it squashes, if any."""

    #: `replaces`, as versions (`app.name`).
    replaces: tuple[str, ...] = ()


def _migrations_folders(folder: Path) -> Iterator[Path]:
    """The apps' `migrations` folders: `folder` itself, or those under it."""
    if folder.name == "migrations":
        yield folder
        return
    for root, subfolders, _ in os.walk(folder):
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in _NOT_PROJECT
        )
        if Path(root).name == "migrations":
            subfolders.clear()
            yield Path(root)


def _modules(migrations_folder: Path) -> list[Path]:
    # Django loads every module of the package but those named `_...` or `~...`.
    return sorted(
        path
        for path in migrations_folder.glob("*.py")
        if path.is_file() and not path.name.startswith(("_", "~"))
    )


def _replaces(text: str, path: Path) -> tuple[str, ...]:
    """The `replaces` of the module's `Migration` class, as versions."""
    if "replaces" not in text:
        return ()
    try:
        tree = ast.parse(text, str(path))
    except SyntaxError as exc:
        raise MigrationsError(f"{path}:{exc.lineno}: {exc.msg}") from exc
    for statement in tree.body:
        if isinstance(statement, ast.ClassDef) and statement.name == "Migration":
            for line in statement.body:
                if isinstance(line, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "replaces" for t in line.targets
                ):
                    try:
                        pairs = ast.literal_eval(line.value)
                    except ValueError as exc:
                        raise MigrationsError(f"{path}: replaces is not a literal") from exc
                    return tuple(f"{app}.{name}" for app, name in pairs)
    return ()


class Django(MigrationTool):
    """Django's per-app migration modules."""

    name: ClassVar[str] = "django"
    tracker_table: ClassVar[str] = "django_migrations"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        return any(
            _MIGRATION_CLASS.search(peek(path))
            for migrations_folder in _migrations_folders(folder)
            for path in _modules(migrations_folder)
        )

    def read(self, folder: Path) -> tuple[Migration, ...]:
        migrations: list[DjangoMigration] = []
        for migrations_folder in _migrations_folders(folder):
            app = migrations_folder.resolve().parent.name
            for path in _modules(migrations_folder):
                text = read_text(path)
                if not _MIGRATION_CLASS.search(text):
                    continue
                version = f"{app}.{path.stem}"
                description = path.stem.partition("_")[2].replace("_", " ") or path.stem
                migrations.append(
                    DjangoMigration(version, description, path, replaces=_replaces(text, path))
                )
        return tuple(sorted(migrations, key=lambda migration: migration.version))

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        apps = {migration.version.partition(".")[0] for migration in migrations}
        by_version = {migration.version: migration for migration in migrations}
        squashed = {
            migration.version: migration.replaces
            for migration in migrations
            if isinstance(migration, DjangoMigration) and migration.replaces
        }
        replaced = {version for replaces in squashed.values() for version in replaces}
        recorded = [f"{app}.{name}" for app, name in rows if str(app) in apps]
        claimed = dict.fromkeys(recorded)
        for version, replaces in squashed.items():
            if all(old in claimed for old in replaces):
                claimed.setdefault(version)
            if version in claimed:
                claimed.update(dict.fromkeys(old for old in replaces if old in by_version))
        # Rows of migrations squashed away since: Django ignores them once their files are gone.
        kept = (v for v in claimed if v in by_version or v not in replaced)
        return tuple(
            Applied(version, by_version[version].description if version in by_version else "")
            for version in kept
        )
