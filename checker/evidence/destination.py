"""Where a bundle is written: never over anything assaymark did not write, and never by halves.

A bundle goes into a new folder, an empty one, or the folder of an earlier bundle (its manifest
says so). It is written beside the destination in a hidden staging folder and renamed into
place only once it is complete and sealed, so a full disk, a crash or an interrupt leaves the
earlier bundle (or nothing) in place. Two runs that write the same destination at once never
both report success while one bundle is lost: the second one sees that the destination changed
since it started, keeps its own bundle under another name and says so.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from checker.errors import OutputError, UsageError
from checker.evidence.manifest import MANIFEST, read_manifest, sha256_file
from checker.files import default_mode


@dataclass(frozen=True)
class BundleDestination:
    """A folder checked to take a bundle, and what it held when the run started."""

    path: Path
    # The sha256 of the manifest of the bundle found there, or None for a new or empty folder.
    found: str | None

    @classmethod
    def claim(cls, path: Path) -> BundleDestination:
        """Check, before anything runs, that `path` may take a bundle; raise UsageError if not."""
        absolute = path.resolve()
        if absolute.parent == absolute:
            raise UsageError(f"--evidence {path}: give a folder for the bundle, not the root")
        return cls(absolute, _state(absolute, path))


def _state(path: Path, given: Path) -> str | None:
    """What the destination holds: None when free, else its bundle manifest's sha256."""
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_dir():
        raise UsageError(f"--evidence {given}: exists and is not a folder")
    try:
        if not any(path.iterdir()):
            return None
    except OSError as exc:
        raise UsageError(f"--evidence {given}: cannot read the folder: {exc.strerror}") from exc
    try:
        read_manifest(path)
        return sha256_file(path / MANIFEST)
    except (ValueError, OSError) as exc:
        raise UsageError(
            f"--evidence {given}: the folder holds files that are not an assaymark evidence "
            "bundle, and assaymark replaces only its own bundles; give a new or empty folder"
        ) from exc


@contextmanager
def staged_bundle(destination: BundleDestination) -> Iterator[Path]:
    """A folder to write the bundle into; on a clean exit it replaces the destination whole.

    Raises OutputError (nothing left behind) when the disk refuses a write, and when another
    run wrote the destination meanwhile (this run's bundle is then kept beside it, untouched).
    """
    path = destination.path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        made = tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        staging = Path(made)
    except OSError as exc:
        raise OutputError(f"--evidence {path}: cannot write the bundle: {exc.strerror}") from exc
    try:
        yield staging
        staging.chmod(default_mode(directory=True))
        with _locked(path.parent):
            if not _still(destination):
                kept = _keep_beside(staging, path)
                raise OutputError(
                    f"--evidence {path}: another run wrote a bundle there while this one ran; "
                    f"it was left in place, and this run's bundle is at {kept}"
                )
            replaced = _swap(staging, path)
        if replaced is not None:
            shutil.rmtree(replaced, ignore_errors=True)
    except OSError as exc:
        raise OutputError(
            f"--evidence {path}: cannot write the bundle: {exc.strerror}; "
            "nothing was left behind and any earlier bundle there is unchanged"
        ) from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` (released when the process ends, whatever happens)."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _still(destination: BundleDestination) -> bool:
    """Whether the destination holds what it held when the run started."""
    try:
        return _state(destination.path, destination.path) == destination.found
    except UsageError:  # it no longer holds a bundle at all
        return False


def _swap(staging: Path, path: Path) -> Path | None:
    """Rename `staging` to `path`; returns where the folder it replaced went, to be removed."""
    if not path.exists() and not path.is_symlink():
        staging.rename(path)
        return None
    old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
    path.rename(old / path.name)
    try:
        staging.rename(path)
    except OSError:
        (old / path.name).rename(path)
        raise
    return old


def _keep_beside(staging: Path, path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = path.with_name(f"{path.name}-{stamp}-{os.getpid()}")
    staging.rename(kept)
    return kept
