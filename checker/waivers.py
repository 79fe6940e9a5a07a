"""Waivers: accepted risks, each with a justification, an approver, a ticket and an expiry.

A waiver in force turns a matching `fail` into `waived`; an expired one no longer applies and
is reported as expired. Errors are never waived: what could not be evaluated stays visible.

A waiver's resource is a pattern over Terraform addresses (and the addresses other sources
give): `*` matches any characters, `?` one character, and `[*]` any one instance index (a count
number or a for_each key); brackets are otherwise literal, so `this["api"]` is that instance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker.settings_file import read_settings, settings_date, settings_entries

_REQUIRED = ("control", "resource", "justification", "approver", "ticket", "expires")
# The pieces of a resource pattern besides its literal characters.
_ANY_CHARACTERS, _ANY_CHARACTER, _ANY_INDEX = "*", "?", "[*]"


@lru_cache(maxsize=1024)
def _pieces(resource: str) -> tuple[str, ...]:
    """A resource pattern as its pieces: `[*]`, `*`, `?`, or one literal character each.

    Not fnmatch: it reads `[...]` as a set of characters, so `this["api"]` would match
    `thisa` and never the instance it names.
    """
    pieces: list[str] = []
    position = 0
    while position < len(resource):
        size = 3 if resource.startswith(_ANY_INDEX, position) else 1
        pieces.append(resource[position : position + size])
        position += size
    return tuple(pieces)


def _index_end(address: str, start: int) -> int | None:
    """Where the instance index opening at `start` ends: `[0]`, or a for_each key in quotes,
    which may hold `]` and escaped quotes."""
    if not address.startswith("[", start):
        return None
    position = start + 1
    if address.startswith('"', position):
        position += 1
        while position < len(address) and address[position] != '"':
            position += 2 if address[position] == "\\" else 1
        position += 1
    else:
        while position < len(address) and address[position] not in '"]':
            position += 1
    return position + 1 if address.startswith("]", position) else None


def _matches(pieces: tuple[str, ...], address: str) -> bool:
    """Whether the whole address matches the pattern's pieces: the places each prefix of the
    pattern can end at, piece by piece, so that no pattern takes more than a moment."""
    places = {0}
    for piece in pieces:
        if not places:
            return False
        if piece == _ANY_CHARACTERS:
            places = set(range(min(places), len(address) + 1))
        elif piece == _ANY_INDEX:
            ends = (_index_end(address, place) for place in places)
            places = {end for end in ends if end is not None}
        else:
            places = {
                place + 1
                for place in places
                if place < len(address) and piece in (_ANY_CHARACTER, address[place])
            }
    return len(address) in places


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
        """Whether the waiver is for this control and a resource its pattern matches (`*`, `?`
        and `[*]` as wildcards, brackets otherwise literal)."""
        if control_id != self.control_id:
            return False
        return _matches(_pieces(self.resource), address)

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
    waivers = []
    for where, entry in settings_entries(data, "waivers", origin, "waiver", _REQUIRED):
        expires = settings_date(entry["expires"], "expires", where)
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
