"""Baselines: the failures a code base already had when assaymark was adopted, set aside.

`assaymark baseline create` writes every failing finding of a scan to a file; a scan given that
file with `--baseline` marks the failures it lists `baselined` (shown, but not counted for the
exit code), so that only new failures fail the build. Errors are never baselined.

A finding is identified by its control, its source, its place (the Terraform root module or
AWS account it was evaluated in; the folder or database of resources without one) and its
resource name: never by line, as lines move when unrelated code changes. Terraform places are
written relative to the repository root, so a baseline made in one checkout matches in another.

The file (JSON, entries sorted, so that it diffs well and a rerun writes the same entries):

```json
{"version": 1, "tool": {"name": "assaymark", "version": "0.1.0"},
 "created": "2026-12-01T20:09:47Z",
 "entries": [{"control": "pci-1.4.4-rds-not-public", "source": "terraform",
              "resource": "aws_db_instance.payments", "root": "infra/prod",
              "fingerprint": "<sha256 of control, source, root and resource>"}]}
```
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from checker import __version__
from checker.errors import OutputError, UsageError
from checker.files import replaced_whole
from checker.models import Resource

FORMAT_VERSION = 1
DEFAULT_FILE = Path(".assaymark-baseline.json")
_PATH_PLACES = frozenset({"terraform", "checkov"})
_ENTRY_KEYS = ("control", "source", "resource", "root", "fingerprint")


@dataclass(frozen=True, order=True)
class BaselineEntry:
    """One failing finding set aside: a control on a resource in a place."""

    control: str
    source: str
    root: str
    resource: str

    @property
    def fingerprint(self) -> str:
        """A stable digest of the entry's identity, for tools that compare findings by one."""
        identity = "\0".join((self.control, self.source, self.root, self.resource))
        return hashlib.sha256(identity.encode()).hexdigest()

    def to_dict(self) -> dict[str, str]:
        """The entry as the baseline file and the JSON report write it."""
        return {
            "control": self.control,
            "source": self.source,
            "resource": self.resource,
            "root": self.root,
            "fingerprint": self.fingerprint,
        }


def _relative_to(folder: str, repository_root: Path) -> str:
    try:
        return Path(folder).resolve().relative_to(repository_root.resolve()).as_posix()
    except (ValueError, OSError):
        return folder


def place_of(resource: Resource, repository_root: Path) -> str:
    """Where a resource was evaluated, as a baseline names it (see the module's docstring)."""
    return _place(resource, lambda folder: _relative_to(folder, repository_root))


def _place(resource: Resource, relative: Callable[[str], str]) -> str:
    if resource.namespace:
        return (
            relative(resource.namespace) if resource.source in _PATH_PLACES else resource.namespace
        )
    location = resource.location
    if location.file:
        return relative(str(Path(location.file).parent))
    return "/".join(location.extra[key] for key in ("server", "database") if key in location.extra)


@dataclass(frozen=True)
class Baseline:
    """The entries of a baseline file (none when a new baseline is being recorded)."""

    entries: frozenset[BaselineEntry]
    repository_root: Path
    path: Path | None = None
    # Thousands of findings share a few root modules: each folder is made relative once.
    _folders: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def entry_for(self, control_id: str, resource: Resource) -> BaselineEntry:
        """The identity a finding of this control on this resource has in a baseline."""
        place = _place(resource, self._relative)
        return BaselineEntry(control_id, resource.source, place, resource.address)

    def _relative(self, folder: str) -> str:
        if folder not in self._folders:
            self._folders[folder] = _relative_to(folder, self.repository_root)
        return self._folders[folder]


@dataclass(frozen=True)
class BaselineOutcome:
    """What a baseline did in one run.

    `matched` counts the entries that set aside at least one failure; `resolved` lists the
    entries of evaluated controls and scanned sources that no finding failed (or erred) for any
    more: fixed, or gone. `failing` holds every failure of the run before the baseline was
    applied: what `baseline create` writes.
    """

    path: Path | None
    matched: int
    resolved: tuple[BaselineEntry, ...]
    failing: tuple[BaselineEntry, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report's top-level `baseline`."""
        return {
            "file": str(self.path) if self.path is not None else None,
            "matched": self.matched,
            "resolved": [entry.to_dict() for entry in self.resolved],
        }


def _problem(path: Path, detail: str) -> UsageError:
    return UsageError(
        f"--baseline {path}: {detail} (write a new one with `assaymark baseline create`)"
    )


def _entry(item: Any, number: int, path: Path) -> BaselineEntry:
    where = f"entries[{number}]"
    if not isinstance(item, Mapping):
        raise _problem(path, f"{where}: expected an object")
    unknown = sorted(set(item) - set(_ENTRY_KEYS))
    if unknown:
        raise _problem(path, f"{where}: unknown key(s) {', '.join(map(str, unknown))}")
    fields = {}
    for key in ("control", "source", "resource", "root"):
        value = item.get(key, "" if key == "root" else None)
        if not isinstance(value, str) or (key != "root" and not value):
            raise _problem(path, f"{where}.{key}: expected text")
        fields[key] = value
    entry = BaselineEntry(fields["control"], fields["source"], fields["root"], fields["resource"])
    if "fingerprint" in item and item["fingerprint"] != entry.fingerprint:
        raise _problem(path, f"{where}: the fingerprint does not match the entry (edited by hand?)")
    return entry


def parse_baseline(data: Any, path: Path, repository_root: Path) -> Baseline:
    """A baseline from the JSON of its file; every problem names the file."""
    if not isinstance(data, Mapping):
        raise _problem(path, "expected a JSON object")
    if data.get("version") != FORMAT_VERSION:
        version = data.get("version")
        raise _problem(path, f"version {version!r}: this assaymark reads version {FORMAT_VERSION}")
    items = data.get("entries")
    if not isinstance(items, list):
        raise _problem(path, "entries: expected a list")
    entries = frozenset(_entry(item, number, path) for number, item in enumerate(items, start=1))
    return Baseline(entries, repository_root, path)


def load_baseline(path: Path, repository_root: Path) -> Baseline:
    """Read and check a baseline file given with --baseline."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise _problem(path, exc.strerror or str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise _problem(path, "not UTF-8 text") from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise _problem(path, f"not valid JSON: {exc}") from exc
    return parse_baseline(data, path, repository_root)


def baseline_document(entries: Iterable[BaselineEntry], created: str) -> dict[str, Any]:
    """The content of a baseline file holding `entries`, sorted."""
    return {
        "version": FORMAT_VERSION,
        "tool": {"name": "assaymark", "version": __version__},
        "created": created,
        "entries": [entry.to_dict() for entry in sorted(set(entries))],
    }


def _recorded_entries(path: Path) -> list[Any] | None:
    """The entries an existing baseline file holds, or None if it holds none readably."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("entries") if isinstance(data, dict) else None


def write_baseline(path: Path, entries: Iterable[BaselineEntry], created: datetime) -> bool:
    """Write a baseline of `entries` to `path`, whole or not at all.

    Returns False, leaving the file untouched, when it already holds exactly these entries: a
    rerun over unchanged code does not change the file, not even its date.
    """
    document = baseline_document(entries, created.strftime("%Y-%m-%dT%H:%M:%SZ"))
    if _recorded_entries(path) == document["entries"]:
        return False
    try:
        with replaced_whole(path) as stream:
            stream.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise OutputError(
            f"baseline {path}: cannot write it: {exc.strerror}; the file was left as it was"
        ) from exc
    return True
