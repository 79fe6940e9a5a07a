"""Alembic: revision files (`versions/*.py` of the script folder) naming their `revision` and
their `down_revision` (None for a base, a tuple for a merge), and an `alembic_version` table
holding only the head revision(s) the database is at. A head applied means its ancestors were:
the tracker's claim is the heads and all they descend from.

The revisions are Python: they cannot be replayed. `depends_on` revisions count as ancestors
where they name a revision; branch labels in `depends_on` are not followed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from adapters.db.migrations.base import Applied, Migration, MigrationsError, MigrationTool, Tracker
from adapters.db.migrations.files import files, peek, read_text

_REVISION = re.compile(r"^revision\s*(?::[^=\n]*)?=\s*['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=\n]*)?=", re.MULTILINE)
_QUERY = "SELECT version_num FROM {table}"


@dataclass(frozen=True)
class Revision(Migration):
    """An Alembic revision: a migration with the revisions it follows."""

    #: Its `down_revision`: none for a base, two or more for a merge.
    parents: tuple[str, ...] = ()
    #: Its `depends_on`: revisions (or branch labels) applied before it, on other branches.
    depends_on: tuple[str, ...] = ()


def _names(value: object, path: Path, variable: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise MigrationsError(f"{path}: {variable} is not a revision, a tuple of them, or None")


def _assignments(tree: ast.Module, path: Path) -> dict[str, object]:
    """The module-level constants of a revision file (`revision`, `down_revision`, ...)."""
    values: dict[str, object] = {}
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target, value = statement.targets[0], statement.value
        elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
            target, value = statement.target, statement.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id in {
            "revision",
            "down_revision",
            "depends_on",
        }:
            try:
                values[target.id] = ast.literal_eval(value)
            except ValueError as exc:
                raise MigrationsError(f"{path}: {target.id} is not a literal") from exc
    return values


def _revision(path: Path) -> Revision | None:
    text = read_text(path)
    if not (_REVISION.search(text) and _DOWN_REVISION.search(text)):
        return None
    try:
        tree = ast.parse(text, str(path))
    except SyntaxError as exc:
        raise MigrationsError(f"{path}:{exc.lineno}: {exc.msg}") from exc
    values = _assignments(tree, path)
    revision = values.get("revision")
    if not isinstance(revision, str) or "down_revision" not in values:
        return None
    down = _names(values["down_revision"], path, "down_revision")
    depends_on = _names(values.get("depends_on"), path, "depends_on")
    docstring = ast.get_docstring(tree)
    description = docstring.strip().splitlines()[0] if docstring else path.stem
    return Revision(revision, description, path, parents=down, depends_on=depends_on)


def _versions(folder: Path) -> Path:
    """The `versions` folder of the script folder given, or `folder` itself."""
    versions = folder / "versions"
    return versions if versions.is_dir() else folder


def _python_files(folder: Path) -> list[Path]:
    return [
        path
        for path in files(_versions(folder), ".py")
        if "__pycache__" not in path.parts and path.name != "env.py"
    ]


def _in_order(revisions: Sequence[Revision]) -> tuple[Revision, ...]:
    """Bases first, each revision after those it follows; ties in the order of the files."""
    known = {revision.version for revision in revisions}
    waiting = {
        revision.version: {
            parent for parent in (*revision.parents, *revision.depends_on) if parent in known
        }
        for revision in revisions
    }
    ordered: list[Revision] = []
    done: set[str] = set()
    while len(ordered) < len(revisions):
        ready = [
            revision
            for revision in revisions
            if revision.version not in done and waiting[revision.version] <= done
        ]
        if not ready:
            stuck = sorted(version for version in known if version not in done)
            raise MigrationsError(f"revisions {', '.join(stuck)} follow each other in a cycle")
        for revision in ready:
            ordered.append(revision)
            done.add(revision.version)
    return tuple(ordered)


class Alembic(MigrationTool):
    """Alembic's revision graph."""

    name: ClassVar[str] = "alembic"
    tracker_table: ClassVar[str] = "alembic_version"

    @classmethod
    def recognises(cls, folder: Path) -> bool:
        return any(
            _REVISION.search(text) and _DOWN_REVISION.search(text)
            for text in map(peek, _python_files(folder))
        )

    def read(self, folder: Path) -> tuple[Migration, ...]:
        revisions: dict[str, Revision] = {}
        for path in _python_files(folder):
            revision = _revision(path)
            if revision is None:
                continue
            if revision.version in revisions:
                other = revisions[revision.version].path
                raise MigrationsError(f"{path}: revision {revision.version} again (also {other})")
            revisions[revision.version] = revision
        return _in_order(list(revisions.values()))

    def tracker(self, engine: str) -> Tracker:
        return Tracker(self.tracker_table, _QUERY)

    def applied(
        self, rows: Sequence[tuple[Any, ...]], migrations: Sequence[Migration]
    ) -> tuple[Applied, ...]:
        by_version = {migration.version: migration for migration in migrations}
        heads = [str(version) for (version,) in rows]
        claimed: set[str] = set()
        # Revisions the claim implies that the folder lacks, a head or an ancestor, in the
        # order met: reported as missing from the folder.
        lacking: dict[str, None] = {}
        pending = list(reversed(heads))
        while pending:
            version = pending.pop()
            if version in claimed or version in lacking:
                continue
            migration = by_version.get(version)
            if migration is None:
                lacking[version] = None
                continue
            claimed.add(version)
            if isinstance(migration, Revision):
                # A `depends_on` the folder lacks may be a branch label: only revisions count.
                pending.extend(
                    reversed(
                        [*migration.parents, *filter(by_version.__contains__, migration.depends_on)]
                    )
                )
        applied = [
            Applied(migration.version, migration.description)
            for migration in migrations
            if migration.version in claimed
        ]
        applied.extend(Applied(version) for version in lacking)
        return tuple(applied)
