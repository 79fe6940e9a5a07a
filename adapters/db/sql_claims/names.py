"""Names as PostgreSQL prints and chooses them: quoted identifiers, the names it gives
unnamed indexes, constraints and sequences, and type names as `format_type()` prints them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from pglast import keywords

#: NAMEDATALEN - 1: the longest name, in bytes.
MAX_NAME = 63

_SAFE = re.compile(r"[a-z_][a-z0-9_]*")
_KEYWORDS = (
    keywords.RESERVED_KEYWORDS | keywords.COL_NAME_KEYWORDS | keywords.TYPE_FUNC_NAME_KEYWORDS
)

# The types format_type() prints by their internal name, and how it prints them.
_PLAIN = {
    "int2": "smallint",
    "int4": "integer",
    "int8": "bigint",
    "float4": "real",
    "float8": "double precision",
    "bool": "boolean",
    "text": "text",
    "bytea": "bytea",
    "date": "date",
    "json": "json",
    "jsonb": "jsonb",
    "uuid": "uuid",
    "inet": "inet",
    "cidr": "cidr",
    "macaddr": "macaddr",
    "macaddr8": "macaddr8",
    "money": "money",
    "xml": "xml",
    "tsvector": "tsvector",
    "tsquery": "tsquery",
    "oid": "oid",
    "name": "name",
    "regclass": "regclass",
    "regproc": "regproc",
    "regprocedure": "regprocedure",
    "regtype": "regtype",
    "regrole": "regrole",
    "regnamespace": "regnamespace",
    "pg_lsn": "pg_lsn",
    "point": "point",
    "line": "line",
    "lseg": "lseg",
    "box": "box",
    "path": "path",
    "polygon": "polygon",
    "circle": "circle",
    "int4range": "int4range",
    "int8range": "int8range",
    "numrange": "numrange",
    "tsrange": "tsrange",
    "tstzrange": "tstzrange",
    "daterange": "daterange",
    "record": "record",
    "void": "void",
    "trigger": "trigger",
    "event_trigger": "event_trigger",
    "anyelement": "anyelement",
    "anyarray": "anyarray",
    "anynonarray": "anynonarray",
    "anyenum": "anyenum",
    "anyrange": "anyrange",
    "anycompatible": "anycompatible",
    "anycompatiblearray": "anycompatiblearray",
    "cstring": "cstring",
    "internal": "internal",
    "char": '"char"',
}
# Spellings that name a built-in type without being its internal name.
_ALIASES = {
    "int": "int4",
    "integer": "int4",
    "smallint": "int2",
    "bigint": "int8",
    "real": "float4",
    "boolean": "bool",
    "decimal": "numeric",
    "timestamptz": "timestamptz",
    "timetz": "timetz",
    "character varying": "varchar",
    "character": "bpchar",
}
#: Serial types: the integer type of the column, which also gets a sequence.
SERIALS = {
    "serial": "int4",
    "serial4": "int4",
    "bigserial": "int8",
    "serial8": "int8",
    "smallserial": "int2",
    "serial2": "int2",
}
_WITH_TYPMOD = frozenset(
    {"numeric", "varchar", "bpchar", "bit", "varbit", "timestamp", "timestamptz", "time", "timetz",
     "interval"}
)  # fmt: skip


def quote_identifier(name: str) -> str:
    """`name` as PostgreSQL's quote_identifier() prints it: bare when it may be."""
    if _SAFE.fullmatch(name) and name not in _KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str, name: str) -> str:
    """`schema.name` with each part quoted where needed, as relations are printed."""
    return f"{quote_identifier(schema)}.{quote_identifier(name)}"


def _clip(name: str, size: int) -> str:
    """The longest prefix of `name` of at most `size` bytes (whole characters only)."""
    encoded = name.encode("utf-8")
    if len(encoded) <= size:
        return name
    return encoded[:size].decode("utf-8", "ignore")


def object_name(name1: str, name2: str | None, label: str | None) -> str:
    """makeObjectName(): `name1_name2_label`, the longer of the names cut to fit 63 bytes."""
    overhead = (1 if name2 is not None else 0) + (len(label.encode()) + 1 if label else 0)
    available = MAX_NAME - overhead
    size1, size2 = len(name1.encode()), len(name2.encode()) if name2 is not None else 0
    while size1 + size2 > available:
        if size1 > size2:
            size1 -= 1
        else:
            size2 -= 1
    name = _clip(name1, size1)
    if name2 is not None:
        name += "_" + _clip(name2, size2)
    if label:
        name += "_" + label
    return name


def choose_name(name1: str, name2: str | None, label: str, taken: Callable[[str], bool]) -> str:
    """ChooseRelationName() and ChooseConstraintName(): the first free name, numbering the
    label (`_key`, `_key1`, ...) while `taken` says a name is in use."""
    candidate, tries = object_name(name1, name2, label), 0
    while taken(candidate):
        tries += 1
        candidate = object_name(name1, name2, f"{label}{tries}")
    return candidate


def column_names_addition(names: Iterable[str]) -> str:
    """ChooseIndexNameAddition(): the column names joined by `_`, at most 63 bytes."""
    joined = ""
    for name in names:
        joined = f"{joined}_{name}" if joined else name
        if len(joined.encode()) >= MAX_NAME:
            break
    return _clip(joined, MAX_NAME)


def distinct_column_names(names: Sequence[str]) -> list[str]:
    """ChooseIndexColumnNames(): repeated names numbered (`a`, `a1`)."""
    chosen: list[str] = []
    for original in names:
        current, number = original, 0
        while current in chosen:
            number += 1
            suffix = str(number)
            current = _clip(original, MAX_NAME - len(suffix)) + suffix
        chosen.append(current)
    return chosen


def _typmods(values: Sequence[int | None]) -> list[int] | None:
    if any(value is None for value in values):
        return None
    return [value for value in values if value is not None]


def builtin_type(internal: str, typmods: Sequence[int | None]) -> str:
    """How format_type() prints a built-in type given its internal name and modifiers; "" when
    it is not one this knows."""
    mods = _typmods(typmods)
    if mods is None or (mods and internal not in _WITH_TYPMOD):
        return ""
    if internal in _PLAIN:
        return _PLAIN[internal]
    if internal == "numeric":
        if not mods:
            return "numeric"
        return f"numeric({mods[0]},{mods[1] if len(mods) > 1 else 0})" if len(mods) <= 2 else ""
    sized = {"varchar": "character varying", "bpchar": "character", "bit": "bit",
             "varbit": "bit varying"}  # fmt: skip
    if internal in sized:
        if len(mods) > 1:
            return ""
        if not mods:
            # Written without a length: bpchar is what `char` is not (it always has one).
            return "bpchar" if internal == "bpchar" else sized[internal]
        return f"{sized[internal]}({mods[0]})"
    zoned = {"timestamp": ("timestamp", "without"), "timestamptz": ("timestamp", "with"),
             "time": ("time", "without"), "timetz": ("time", "with")}  # fmt: skip
    if internal in zoned:
        if len(mods) > 1:
            return ""
        base, zone = zoned[internal]
        precision = f"({mods[0]})" if mods else ""
        return f"{base}{precision} {zone} time zone"
    if internal == "interval":
        # interval's modifier packs its fields (DAY TO SECOND) with the precision.
        return "interval" if not mods else ""
    return ""


def builtin_internal(name: str) -> str | None:
    """The internal name of a built-in type written as `name` without a schema, or None."""
    if name in _PLAIN:
        return name
    if name in _ALIASES:
        return _ALIASES[name]
    if name in {"numeric", "varchar", "bpchar", "bit", "varbit", "timestamp", "time", "interval"}:
        return name
    return None
