"""`.assaymark.yaml`: a repository's settings for `assaymark scan`, kept beside its code.

```yaml
framework: [pci-dss-4.0]
skip-path: ["tests/**", "**/fixtures/**"]
skip-control: [pci-10.5.1-log-retention]
baseline: .assaymark-baseline.json
fail-on: high
format: [text, "sarif:results.sarif"]
```

The keys are the long options of `assaymark scan` (without the dashes in front); a value
given on the command line wins over the file's. Files named in it (`baseline`, `waivers`,
`policies`, `output`, `evidence`, `sign-key`, the FILE of `format: NAME:FILE`) are relative to
the folder the file is in. The file is found by looking in the scanned folder and then in each
folder above it, up to the repository root (the folder holding `.git`); `--config FILE` names
one instead.
"""

from __future__ import annotations

import os.path
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.formats import FORMATS
from checker.results import SEVERITIES
from checker.settings_file import read_settings

CONFIG_NAME = ".assaymark.yaml"


@dataclass(frozen=True)
class FormatRequest:
    """One report to write: a format, and the file it goes to (None: standard output)."""

    name: str
    file: Path | None = None

    def __str__(self) -> str:
        return self.name if self.file is None else f"{self.name}:{self.file}"


def parse_format(spec: str, where: str, base: Path | None = None) -> FormatRequest:
    """`NAME` or `NAME:FILE`, as --format takes it; FILE is relative to `base` when given.
    Problems start with `where`."""
    name, colon, file = spec.partition(":")
    if name not in FORMATS:
        raise UsageError(
            f"{where}unknown format {name!r}; known: {', '.join(sorted(FORMATS))} "
            "(NAME or NAME:FILE)"
        )
    if colon and not file:
        raise UsageError(f"{where}{spec!r} names no file after the colon")
    if not colon:
        return FormatRequest(name)
    return FormatRequest(name, base / file if base is not None else Path(file))


def _texts(value: Any, where: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
        raise UsageError(f"{where}: expected a string or a list of strings")
    return tuple(items)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise UsageError(f"{where}: expected a string")
    return value


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise UsageError(f"{where}: expected true or false")
    return value


def _severity(value: Any, where: str) -> str:
    if value not in SEVERITIES:
        raise UsageError(f"{where}: expected one of {', '.join(SEVERITIES)}")
    return str(value)


def _count(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError(f"{where}: expected a whole number, 1 or more")
    return value


_Reader = Callable[[Any, str, Path], Any]


def _paths(value: Any, where: str, base: Path) -> tuple[Path, ...]:
    return tuple(base / item for item in _texts(value, where))


def _key(text: str, base: Path) -> Path:
    """A signing key: a file relative to the configuration, or a KMS key as written."""
    return Path(text) if text.startswith("kms:") else base / text


# Each key: the option's parameter name, and how its value is read (relative to `base`).
_KEYS: dict[str, tuple[str, _Reader]] = {
    "framework": ("frameworks", lambda v, w, b: _texts(v, w)),
    "control": ("control_ids", lambda v, w, b: _texts(v, w)),
    "skip-control": ("skip_controls", lambda v, w, b: _texts(v, w)),
    "skip-path": ("skip_paths", lambda v, w, b: _texts(v, w)),
    "policies": ("policy_dirs", _paths),
    "format": (
        "formats",
        lambda v, w, b: tuple(parse_format(s, f"{w}: ", b) for s in _texts(v, w)),
    ),
    "output": ("output", lambda v, w, b: b / _text(v, w)),
    "evidence": ("evidence", lambda v, w, b: b / _text(v, w)),
    "sign-key": ("sign_key", lambda v, w, b: _key(_text(v, w), b)),
    "waivers": ("waivers_file", lambda v, w, b: b / _text(v, w)),
    "attestations": ("attestations_file", lambda v, w, b: b / _text(v, w)),
    "baseline": ("baseline_file", lambda v, w, b: b / _text(v, w)),
    "soft-fail": ("soft_fail", lambda v, w, b: _flag(v, w)),
    "soft-fail-on-error": ("soft_fail_on_error", lambda v, w, b: _flag(v, w)),
    "fail-on": ("fail_on", lambda v, w, b: _severity(v, w)),
    "min-severity": ("min_severity", lambda v, w, b: _severity(v, w)),
    "max-results": ("max_results", lambda v, w, b: _count(v, w)),
    "compact": ("compact", lambda v, w, b: _flag(v, w)),
    "quiet": ("quiet", lambda v, w, b: _flag(v, w)),
}

#: The option names the file takes, as users write them.
KNOWN_KEYS = tuple(_KEYS)


@dataclass(frozen=True)
class ProjectConfig:
    """A validated `.assaymark.yaml`: its path, and its values by option parameter name."""

    path: Path
    values: Mapping[str, Any] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        """The folder the file's relative paths start from."""
        return self.path.parent


def parse_project_config(data: Any, path: Path) -> ProjectConfig:
    """The settings of a `.assaymark.yaml` from its YAML; problems name the file and key."""
    if data is None:
        return ProjectConfig(path)
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of settings (option names to values)")
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _KEYS:
            hint = str(key).replace("_", "-")
            did_you_mean = f" (did you mean {hint}?)" if hint in _KEYS else ""
            raise UsageError(
                f"{path}: unknown setting {key!r}{did_you_mean}; known: {', '.join(KNOWN_KEYS)}"
            )
        name, read = _KEYS[key]
        values[name] = read(value, f"{path}: {key}", path.parent)
    return ProjectConfig(path, values)


def load_project_config(path: Path, option: str = "--config") -> ProjectConfig:
    """Read and validate a `.assaymark.yaml`."""
    return parse_project_config(read_settings(path, option), path)


def find_repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git` (a folder, or a worktree's
    file), or None."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def shown(path: Path) -> Path:
    """A path relative to the working folder where it is below it, as messages show paths."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def find_project_config(scanned: Iterable[Path], repository_root: Path | None) -> Path | None:
    """The `.assaymark.yaml` nearest above the scanned folders (their common folder, or the
    working folder when none is given), looking no higher than the repository root."""
    folders = [path.resolve() for path in scanned]
    folders = [path if path.is_dir() else path.parent for path in folders]
    start = Path(os.path.commonpath(folders)) if folders else Path.cwd().resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return shown(candidate)
        if repository_root is not None and folder == repository_root.resolve():
            break
    return None


def _glob_regex(glob: str) -> re.Pattern[str]:
    """A `--skip-path` glob as a regular expression over a relative POSIX path: `*` and `?`
    within one folder name, `**` for any number of folders."""
    segments = glob.removeprefix("./").strip("/").split("/")
    parts = []
    for number, segment in enumerate(segments):
        last = number == len(segments) - 1
        if segment == "**":
            parts.append(".*" if last else "(?:[^/]+/)*")
            continue
        text = "".join(
            {"*": "[^/]*", "?": "[^/]"}.get(character) or re.escape(character)
            for character in segment
        )
        parts.append(text if last else text + "/")
    return re.compile("".join(parts))


@dataclass(frozen=True)
class PathGlobs:
    """`--skip-path` globs, matched against a file's path relative to each base folder (the
    scanned folders, the working folder, the configuration file's folder). A glob that matches
    a folder of the path matches the files below it too."""

    patterns: tuple[re.Pattern[str], ...]
    bases: tuple[Path, ...]
    # Resources share files: each file is judged once.
    _judged: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, globs: Iterable[str], bases: Iterable[Path]) -> PathGlobs:
        """The globs, against these base folders."""
        return cls(
            tuple(_glob_regex(glob) for glob in globs),
            tuple(dict.fromkeys(base.resolve() for base in bases)),
        )

    def matches(self, file: str) -> bool:
        """Whether a file (as reports name it: relative to the working folder, or absolute)
        is left out."""
        if not self.patterns:
            return False
        if file not in self._judged:
            self._judged[file] = self._match(file)
        return self._judged[file]

    def _match(self, file: str) -> bool:
        absolute = (Path.cwd() / file).resolve()
        for base in self.bases:
            try:
                segments = absolute.relative_to(base).parts
            except ValueError:
                continue
            folders = ["/".join(segments[:end]) for end in range(1, len(segments) + 1)]
            if any(pattern.fullmatch(text) for pattern in self.patterns for text in folders):
                return True
        return False
