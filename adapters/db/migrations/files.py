"""Reading migration files: found in a stable order, decoded as UTF-8, errors naming the file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from adapters.db.migrations.base import MigrationsError


def files(folder: Path, suffix: str) -> list[Path]:
    """Every file under `folder` whose name ends with `suffix`, sorted by path."""
    return sorted(path for path in folder.rglob(f"*{suffix}") if path.is_file())


def sql_files(folder: Path) -> Iterator[Path]:
    """Every `.sql` file under `folder`, sorted by path."""
    yield from files(folder, ".sql")


def read_text(path: Path) -> str:
    """A migration file's text."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MigrationsError(f"{path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise MigrationsError(f"{path}: not UTF-8 text (byte {exc.start})") from exc
