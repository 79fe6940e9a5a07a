"""File paths as code scanning and merge-request widgets expect them: relative to the
repository's root, whichever folder assaymark ran in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class RepositoryPath:
    """A file of a report as a format writes it: `in_repository` when `path` is relative to
    the repository's root, otherwise `path` is as the user was shown it."""

    path: str
    in_repository: bool


def repository_path(shown: str, root: Path | None) -> RepositoryPath:
    """A path as reports show it (relative to the working folder, or absolute outside it),
    made relative to `root` (posix, never absolute, never `../`).

    A file outside `root` keeps a form relative to the working folder (which starts with
    `../` when the file is outside that folder too); without a root the path stays as shown.
    """
    if root is None:
        return RepositoryPath(shown, in_repository=False)
    return _relative(shown, root, Path.cwd())


@lru_cache(maxsize=4096)
def _relative(shown: str, root: Path, cwd: Path) -> RepositoryPath:
    # Thousands of findings share a few files: each is worked out once. The path as written
    # is tried before the one with its links resolved, so that a link inside the repository
    # keeps its own name.
    written = Path(os.path.normpath(cwd / shown))
    for candidate in (written, written.resolve()):
        for base in (Path(os.path.normpath(cwd / root)), root.resolve()):
            if candidate != base and candidate.is_relative_to(base):
                return RepositoryPath(candidate.relative_to(base).as_posix(), in_repository=True)
    return RepositoryPath(Path(os.path.relpath(written, cwd)).as_posix(), in_repository=False)


def anchor_path(anchor: str, root: Path | None) -> RepositoryPath:
    """Where findings without a file are placed. The CLI gives the anchor relative to the
    repository's root when it lies inside it, else as shown (relative to the working folder,
    or absolute)."""
    if root is not None and not Path(anchor).is_absolute():
        inside = os.path.normpath(anchor)
        if inside != ".." and not inside.startswith(("../", "..\\")):
            return RepositoryPath(Path(inside).as_posix(), in_repository=True)
    return repository_path(anchor, root)
