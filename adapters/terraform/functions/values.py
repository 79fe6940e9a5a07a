"""Equality and Terraform's element types: when two values are the same, and the one
element type of a list or set."""

from __future__ import annotations

import hashlib
from typing import Any

from adapters.terraform.functions.registry import as_string, kind, number_text
from adapters.terraform.values import is_unknown


def equality_key(value: Any, memo: dict[int, bytes]) -> bytes:
    """A key equal for values Terraform takes as equal: 1 and 1.0 alike, but not true and 1,
    nor "1" and 1. A collection's key is a digest of its elements', so that keys stay small;
    an unknown value equals nothing."""
    if isinstance(value, bool):
        return b"b1" if value else b"b0"
    if value is None:
        return b"z"
    if isinstance(value, (int, float)):
        return b"n" + number_text(value).encode()
    if isinstance(value, str):
        return b"s" + value.encode("utf-8", "surrogatepass")
    if not isinstance(value, (list, dict)):
        return b"u" + str(id(value)).encode()
    cached = memo.get(id(value))
    if cached is None:
        digest = hashlib.blake2b(digest_size=20)
        if isinstance(value, list):
            digest.update(b"l")
            parts = [equality_key(item, memo) for item in value]
        else:
            digest.update(b"m")
            parts = [
                part
                for name in sorted(value)
                for part in (name.encode(), equality_key(value[name], memo))
            ]
        for part in parts:
            digest.update(len(part).to_bytes(8, "big") + part)
        cached = b"c" + digest.digest()
        memo[id(value)] = cached
    return cached


def unify(items: list[Any]) -> list[Any]:
    """Elements converted to one type as Terraform does for a list or set: mixed strings,
    numbers and bools become strings; a collection among primitives is an error."""
    kinds = {kind(item) for item in items if item is not None and not is_unknown(item)}
    if len(kinds) <= 1:
        return items
    if kinds - {"string", "number", "bool"}:
        raise TypeError("all elements must have the same type")
    return [item if item is None or is_unknown(item) else as_string(item) for item in items]


def distinct(items: list[Any]) -> list[Any]:
    """The items without repeats, in first-seen order, in linear time."""
    seen: set[bytes] = set()
    memo: dict[int, bytes] = {}
    kept: list[Any] = []
    for item in items:
        key = equality_key(item, memo)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def as_set(items: list[Any]) -> list[Any]:
    """A set as Terraform holds it: one element type, no repeats, strings and numbers sorted,
    unknown elements last."""
    kept = distinct(unify(items))
    known = [item for item in kept if not is_unknown(item)]
    unknown = [item for item in kept if is_unknown(item)]
    kinds = {kind(item) for item in known}
    if kinds in ({"string"}, {"number"}, {"bool"}):
        known.sort()
    return known + unknown
