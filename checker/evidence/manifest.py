"""The bundle manifest: the size and sha256 of every file, and checking a bundle against it."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
BUNDLE_FORMAT = "assaymark.bundle/v1"
# Files that describe the bundle rather than belong to it.
_OUTSIDE_MANIFEST = frozenset({MANIFEST, SIGNATURE})


def sha256_file(path: Path) -> str:
    """The hex sha256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def bundle_files(bundle: Path) -> list[str]:
    """Every entry of a bundle that is not a folder (files, links, pipes, devices alike), as a
    POSIX path relative to it, the manifest and signature aside. Links are not followed."""
    names: list[str] = []
    for folder, subfolders, files in os.walk(bundle, followlinks=False):
        here = Path(folder)
        # A link to a folder is listed as an entry of its own, never walked into.
        entries = files + [name for name in subfolders if (here / name).is_symlink()]
        for name in entries:
            relative = (here / name).relative_to(bundle).as_posix()
            if relative not in _OUTSIDE_MANIFEST:
                names.append(relative)
    return sorted(names)


def policy_digest(policies: Iterable[tuple[str, Path]]) -> str:
    """A digest of control files by control id, stable across runs on the same policies."""
    digest = hashlib.sha256()
    for control_id, path in sorted(policies):
        digest.update(f"{control_id}\0{sha256_file(path)}\n".encode())
    return f"sha256:{digest.hexdigest()}"


def bundle_policy_digest(bundle: Path) -> str:
    """The policy digest of the control files a bundle holds (policies/<id>.yaml)."""
    return policy_digest((path.stem, path) for path in (bundle / "policies").glob("*.yaml"))


def file_entries(bundle: Path) -> dict[str, dict[str, Any]]:
    """The manifest's `files`: size and sha256 of each file."""
    return {
        name: {"sha256": sha256_file(bundle / name), "size": (bundle / name).stat().st_size}
        for name in bundle_files(bundle)
    }


@dataclass
class Integrity:
    """How a bundle compares with its manifest."""

    changed: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        """Whether every file is as the manifest lists it, and no other file is present."""
        return not (self.changed or self.missing or self.added or self.problems)

    def describe(self) -> list[str]:
        """One line per difference."""
        return (
            self.problems
            + [f"changed: {name}" for name in self.changed]
            + [f"missing: {name}" for name in self.missing]
            + [f"added: {name}" for name in self.added]
        )


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"it lists {key!r} twice")
        seen[key] = value
    return seen


def read_manifest(bundle: Path) -> dict[str, Any]:
    """The manifest of a bundle; raises ValueError with a readable reason if there is none.

    A manifest that names a key twice (a file listed twice, with two digests) is refused: a
    reader that took the first entry and one that took the last would see different bundles.
    """
    path = bundle / MANIFEST
    try:
        if not stat.S_ISREG(path.lstat().st_mode):
            raise ValueError(f"{path}: not a regular file")
        data = json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=_no_repeated_keys)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the manifest: {exc.strerror}") from exc
    except ValueError as exc:
        raise ValueError(f"{path}: the manifest is not valid: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise ValueError(f"{path}: not an assaymark evidence bundle manifest")
    return data


def check_integrity(bundle: Path, manifest: dict[str, Any]) -> Integrity:
    """Compare every file with the manifest: changed, missing and added files."""
    result = Integrity()
    listed = manifest.get("files")
    if not isinstance(listed, dict):
        result.problems.append("the manifest lists no files")
        return result
    root = bundle.resolve()
    for name, entry in sorted(listed.items()):
        path = bundle / name
        if not path.resolve().is_relative_to(root) or name in _OUTSIDE_MANIFEST:
            result.problems.append(f"the manifest names a file outside the bundle: {name}")
            continue
        try:
            mode = path.lstat().st_mode
        except OSError:
            result.missing.append(name)
            continue
        if not stat.S_ISREG(mode):  # never opened: a pipe would block, a link lead elsewhere
            result.problems.append(f"not a regular file: {name}")
        elif not isinstance(entry, dict):
            result.problems.append(f"the manifest's entry for {name} is not an object")
        elif path.stat().st_size != entry.get("size") or sha256_file(path) != entry.get("sha256"):
            result.changed.append(name)
    result.added = [name for name in bundle_files(bundle) if name not in listed]
    return result
