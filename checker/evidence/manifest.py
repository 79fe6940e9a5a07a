"""The bundle manifest: the size and sha256 of every file, and checking a bundle against it."""

from __future__ import annotations

import hashlib
import json
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
    """Every file of a bundle as a POSIX path relative to it, the manifest and signature aside."""
    return sorted(
        path.relative_to(bundle).as_posix()
        for path in bundle.rglob("*")
        if path.is_file() and path.relative_to(bundle).as_posix() not in _OUTSIDE_MANIFEST
    )


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


def read_manifest(bundle: Path) -> dict[str, Any]:
    """The manifest of a bundle; raises ValueError with a readable reason if there is none."""
    path = bundle / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the manifest: {exc.strerror}") from exc
    except ValueError as exc:
        raise ValueError(f"{path}: the manifest is not valid JSON: {exc}") from exc
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
        path = (bundle / name).resolve()
        if not path.is_relative_to(root) or name in _OUTSIDE_MANIFEST:
            result.problems.append(f"the manifest names a file outside the bundle: {name}")
        elif not path.is_file():
            result.missing.append(name)
        elif path.stat().st_size != entry.get("size") or sha256_file(path) != entry.get("sha256"):
            result.changed.append(name)
    result.added = [name for name in bundle_files(bundle) if name not in listed]
    return result
