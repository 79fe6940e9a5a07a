"""Dates and times."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from fractions import Fraction

from adapters.terraform.functions.registry import as_string, quoted, simple

_RFC3339 = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})")


@dataclass(frozen=True)
class _Instant:
    """A timestamp: nanoseconds since 1970 and the UTC offset it was written with."""

    nanoseconds: int
    offset: int

    def local(self) -> datetime:
        """The time of day in its own offset, to the second."""
        seconds = self.nanoseconds // 10**9
        stamp = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
        return stamp.astimezone(timezone(timedelta(seconds=self.offset)))


def _timestamp(text: str) -> _Instant:
    match = _RFC3339.fullmatch(text)
    if match is None:
        raise ValueError(f"not a valid RFC3339 timestamp: {quoted(text)}")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = 0
    if zone != "Z":
        if int(zone[1:3]) > 23 or int(zone[4:6]) > 59:
            raise ValueError(f"not a valid RFC3339 timestamp: cannot use {zone!r} as UTC offset")
        offset = (-1 if zone[0] == "-" else 1) * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    try:
        moment = datetime(
            int(year), int(month), int(day), int(hour), int(minute), int(second), tzinfo=UTC
        )
    except ValueError as exc:
        raise ValueError(f"not a valid RFC3339 timestamp: {exc}") from None
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    whole = (moment - epoch) // timedelta(seconds=1) - offset
    nanoseconds = int((fraction or ".0")[1:10].ljust(9, "0"))
    return _Instant(whole * 10**9 + nanoseconds, offset)


def rfc3339(stamp: datetime) -> str:
    """A time as Go's RFC 3339 layout writes it: to the second, `Z` for UTC."""
    offset = stamp.utcoffset() or timedelta(0)
    text = stamp.strftime("%Y-%m-%dT%H:%M:%S")
    if not offset:
        return text + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_DURATION_UNITS = {
    "ns": 1,
    "us": 10**3,
    "\u00b5s": 10**3,
    "\u03bcs": 10**3,
    "ms": 10**6,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}
_DURATION_PART = re.compile(r"(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)")


def _duration(text: str) -> int:
    """A Go duration (`1h30m`, `-1.5s`) in nanoseconds."""
    body = text[1:] if text[:1] in "+-" else text
    if body == "0":
        return 0
    nanoseconds, position = Fraction(0), 0
    while position < len(body):
        match = _DURATION_PART.match(body, position)
        if match is None or not (match.group(1) or match.group(2)):
            raise ValueError(f"time: invalid duration {quoted(text)}")
        whole, fraction, unit = match.groups()
        value = Fraction(int(whole or 0)) + (
            Fraction(int(fraction), 10 ** len(fraction)) if fraction else 0
        )
        nanoseconds += value * _DURATION_UNITS[unit]
        position = match.end()
    if not body or nanoseconds > 2**63 - 1:
        raise ValueError(f"time: invalid duration {quoted(text)}")
    return -int(nanoseconds) if text.startswith("-") else int(nanoseconds)


def _timeadd(timestamp: str, duration: str) -> str:
    instant = _timestamp(timestamp)
    moved = _Instant(instant.nanoseconds + _duration(duration), instant.offset)
    try:
        return rfc3339(moved.local())
    except OverflowError:
        raise ValueError("the resulting time is out of range") from None


def _timecmp(first: str, second: str) -> int:
    a, b = _timestamp(first).nanoseconds, _timestamp(second).nanoseconds
    return (a > b) - (a < b)


_MONTHS = "January February March April May June July August September October November December"
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
_DATE_TOKEN = re.compile(r"'(?:[^']|'')*'?|([A-Za-z])\1*|[^'A-Za-z]+")


def _formatdate(spec: str, timestamp: str) -> str:
    """A timestamp written with Terraform's date format verbs (`YYYY-MM-DD`, `hh:mm`, ...)."""
    stamp = _timestamp(timestamp).local()
    pieces = []
    for match in _DATE_TOKEN.finditer(spec):
        token = match.group(0)
        if token == "''":
            pieces.append("'")
        elif token.startswith("'"):
            if len(token) == 1 or not token.endswith("'"):
                raise ValueError("unterminated literal '")
            pieces.append(token[1:-1].replace("''", "'"))
        elif token[0].isalpha():
            pieces.append(_date_verb(token, stamp))
        else:
            pieces.append(token)
    return "".join(pieces)


def _date_verb(token: str, stamp: datetime) -> str:
    verb, size = token[0], len(token)
    hour12 = stamp.hour % 12 or 12
    choices: dict[str, dict[int, str]] = {
        "Y": {2: f"{stamp.year % 100:02d}", 4: f"{stamp.year:04d}"},
        "M": {
            1: str(stamp.month),
            2: f"{stamp.month:02d}",
            3: _MONTHS.split()[stamp.month - 1][:3],
            4: _MONTHS.split()[stamp.month - 1],
        },
        "D": {1: str(stamp.day), 2: f"{stamp.day:02d}"},
        "E": {3: _WEEKDAYS.split()[stamp.weekday()][:3], 4: _WEEKDAYS.split()[stamp.weekday()]},
        "h": {1: str(stamp.hour), 2: f"{stamp.hour:02d}"},
        "H": {1: str(hour12), 2: f"{hour12:02d}"},
        "A": {2: "AM" if stamp.hour < 12 else "PM"},
        "a": {2: "am" if stamp.hour < 12 else "pm"},
        "m": {1: str(stamp.minute), 2: f"{stamp.minute:02d}"},
        "s": {1: str(stamp.second), 2: f"{stamp.second:02d}"},
        "Z": _zone_forms(stamp),
    }
    if verb not in choices:
        raise ValueError(f"invalid date format verb {token!r}")
    if size not in choices[verb]:
        raise ValueError(f"invalid date format verb {token!r}")
    return choices[verb][size]


def _zone_forms(stamp: datetime) -> dict[int, str]:
    minutes = int((stamp.utcoffset() or timedelta(0)).total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    compact = f"{sign}{hours:02d}{rest:02d}"
    return {
        1: "Z" if minutes == 0 else f"{sign}{hours:02d}:{rest:02d}",
        3: "UTC" if minutes == 0 else compact,
        4: compact,
        5: f"{sign}{hours:02d}:{rest:02d}",
    }


simple("formatdate", lambda spec, timestamp: _formatdate(as_string(spec), as_string(timestamp)))
simple("timeadd", lambda timestamp, duration: _timeadd(as_string(timestamp), as_string(duration)))
simple("timecmp", lambda first, second: _timecmp(as_string(first), as_string(second)))
