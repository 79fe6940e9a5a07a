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


def listed(folder: Path, *suffixes: str) -> list[Path]:
    """The files directly in `folder` whose names end with one of `suffixes`, sorted by name
    (the tools that read one folder, not its subfolders)."""
    if not folder.is_dir():
        return []
    return sorted(
        (path for path in folder.iterdir() if path.is_file() and path.name.endswith(suffixes)),
        key=lambda path: path.name,
    )


def read_text(path: Path) -> str:
    """A migration file's text."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MigrationsError(f"{path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise MigrationsError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def read_exact(path: Path) -> str:
    """A migration file's text with its line endings as the file has them, so that encoding it
    again gives the file's bytes (for checksums over the bytes)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MigrationsError(f"{path}: {exc.strerror}") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MigrationsError(f"{path}: not UTF-8 text (byte {exc.start})") from exc


def line_of(text: str, offset: int) -> int:
    """The line number (from 1) of the character at `offset` of `text`."""
    return text.count("\n", 0, offset) + 1


def peek(path: Path) -> str:
    """A file's text, or "" where it cannot be read: for recognising a folder, which must not
    fail on a file of another tool's."""
    try:
        return read_text(path)
    except MigrationsError:
        return ""
