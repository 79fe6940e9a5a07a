"""assaymark's cache folder: what a run may keep for the next one to skip repeated work.

Nothing in it is a verdict. It holds what a run can recompute from the files it reads (where
each block of a Terraform file is, which control files passed schema validation), each entry
keyed by the SHA-256 of what it was computed from and filed under the versions that computed
it, so that a changed file or another version never reads a stale entry.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from checker import __version__
from checker.files import replaced_whole


def cache_home() -> Path:
    """$ASSAYMARK_CACHE, else $XDG_CACHE_HOME/assaymark, else ~/.cache/assaymark."""
    explicit = os.environ.get("ASSAYMARK_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "assaymark"
    return Path.home() / ".cache" / "assaymark"


def caching_enabled() -> bool:
    """Whether runs use the cache ($ASSAYMARK_NO_CACHE set to anything turns it off)."""
    return not os.environ.get("ASSAYMARK_NO_CACHE")


def digest(*parts: str) -> str:
    """The SHA-256 of some texts, told apart from each other."""
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8"))
        hashed.update(b"\0")
    return hashed.hexdigest()


class Store:
    """Texts on disk by digest: what was computed from an input whose digest is the key.

    Entries are `FOLDER/ab/abcdef...SUFFIX`, each written whole (renamed into place), so runs
    side by side never read half an entry. Without a folder nothing is kept.
    """

    def __init__(self, folder: Path | None, suffix: str = "") -> None:
        self.folder = folder
        self.suffix = suffix

    @classmethod
    def named(cls, name: str) -> Store:
        """The store `name` of this assaymark version in the cache folder, if caching is on."""
        return cls(cache_home() / name / f"assaymark-{__version__}" if caching_enabled() else None)

    def get(self, key: str) -> str | None:
        """The text stored under a digest, or None."""
        if self.folder is None:
            return None
        try:
            return self._path(key).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, text: str) -> None:
        """Store a text. A cache that cannot be written (a full disk, a read-only home) costs
        the next run the work again and decides nothing, so the run goes on."""
        if self.folder is not None:
            with contextlib.suppress(OSError), replaced_whole(self._path(key)) as stream:
                stream.write(text)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{self.suffix}"
