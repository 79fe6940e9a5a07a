"""Waivers: accepted risks, each with a justification, an approver, a ticket and an expiry.

A waiver in force turns a matching `fail` into `waived`; an expired one no longer applies and
is reported as expired. Errors are never waived: what could not be evaluated stays visible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from checker.errors import UsageError
from checker.settings_file import read_settings

_REQUIRED = ("control", "resource", "justification", "approver", "ticket", "expires")


@dataclass(frozen=True)
class Waiver:
    """One accepted risk for a control on the resources matching a pattern."""

    control_id: str
    resource: str
    justification: str
    approver: str
    ticket: str
    expires: dt.date

    def matches(self, control_id: str, address: str) -> bool:
        """Whether the waiver is for this control and resource (`*` and `?` as wildcards)."""
        return control_id == self.control_id and fnmatchcase(address, self.resource)

    def in_force(self, on: dt.date) -> bool:
        """Whether the waiver still applies on a day (it applies through its expiry date)."""
        return on <= self.expires

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, in reports and bundles."""
        return {
            "control": self.control_id,
            "resource": self.resource,
            "justification": self.justification,
            "approver": self.approver,
            "ticket": self.ticket,
            "expires": self.expires.isoformat(),
        }


def parse_waivers(data: Any, origin: str) -> tuple[Waiver, ...]:
    """Waivers from their YAML form; every problem is a configuration error naming the entry."""
    entries = data.get("waivers") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{origin}: expected a mapping with a list under `waivers`")
    waivers = []
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}: waiver {number}"
        if not isinstance(entry, dict):
            raise UsageError(f"{where}: expected a mapping")
        missing = [key for key in _REQUIRED if not entry.get(key)]
        if missing:
            raise UsageError(
                f"{where}: missing {', '.join(missing)} (every waiver needs all of "
                f"{', '.join(_REQUIRED)})"
            )
        expires = entry["expires"]
        if isinstance(expires, str):
            try:
                expires = dt.date.fromisoformat(expires)
            except ValueError as exc:
                raise UsageError(f"{where}: expires must be a date (YYYY-MM-DD)") from exc
        if not isinstance(expires, dt.date) or isinstance(expires, dt.datetime):
            raise UsageError(f"{where}: expires must be a date (YYYY-MM-DD)")
        unknown = sorted(set(entry) - set(_REQUIRED))
        if unknown:
            raise UsageError(f"{where}: unknown key(s) {', '.join(unknown)}")
        waivers.append(
            Waiver(
                control_id=str(entry["control"]),
                resource=str(entry["resource"]),
                justification=str(entry["justification"]),
                approver=str(entry["approver"]),
                ticket=str(entry["ticket"]),
                expires=expires,
            )
        )
    return tuple(waivers)


def load_waivers(path: Path) -> tuple[Waiver, ...]:
    """Read a waivers file (YAML)."""
    return parse_waivers(read_settings(path, "--waivers"), str(path))
