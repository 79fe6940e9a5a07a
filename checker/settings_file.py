"""Reading a YAML settings file (configuration, waivers, data maps) with errors that name the
option, the file and, where the YAML says, the line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

from checker.errors import UsageError
from checker.yaml_input import check_expansion, yaml_problem

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _SettingsLoader(yaml.SafeLoader):
    """PyYAML's safe loader, but dates stay text: each field that takes a date parses its own,
    so `expires: 2027-02-30` is an error naming that field, not a crash inside the parser."""


_SettingsLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_settings(path: Path, option: str) -> Any:
    """The parsed YAML of a file given with `option`; a clean usage error if it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{option} {path}: {exc.strerror}") from exc
    return parse_settings(raw, f"{option} {path}")


def parse_settings(raw: bytes, where: str) -> Any:
    """Parse settings YAML; `where` starts every message (option and file)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        number = raw[: exc.start].count(b"\n") + 1
        raise UsageError(f"{where}:{number}: not UTF-8 text (byte {exc.start})") from exc
    try:
        check_expansion(text)
        return yaml.load(text, Loader=_SettingsLoader)
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        at = f":{line}" if line is not None else ""
        raise UsageError(f"{where}{at}: not valid YAML: {problem}") from exc
    except (ValueError, TypeError, RecursionError) as exc:  # a value the constructors refuse
        raise UsageError(f"{where}: not valid YAML: {exc}") from exc


def settings_date(value: Any, field: str, where: str) -> dt.date:
    """A date field of a settings entry (`YYYY-MM-DD`, kept as text by the loader); a usage
    error naming the entry and the field otherwise."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError as exc:
            raise UsageError(f"{where}: {field} must be a date (YYYY-MM-DD)") from exc
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise UsageError(f"{where}: {field} must be a date (YYYY-MM-DD)")
    return value


def settings_entries(
    data: Any,
    key: str,
    origin: str,
    noun: str,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each entry of the list under `key` (`waivers`, `attestations`) with where it is for
    messages (`FILE: waiver 2`): refused unless it is a mapping with every `required` field set
    and no field besides those and the `optional` ones."""
    entries = data.get(key) if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{origin}: expected a mapping with a list under `{key}`")
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}: {noun} {number}"
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: expected a mapping")
        missing = [field for field in required if not entry.get(field)]
        if missing:
            raise UsageError(
                f"{where}: missing {', '.join(missing)} (every {noun} needs all of "
                f"{', '.join(required)})"
            )
        unknown = sorted(set(entry) - set(required) - set(optional))
        if unknown:
            raise UsageError(f"{where}: unknown key(s) {', '.join(unknown)}")
        yield where, entry
