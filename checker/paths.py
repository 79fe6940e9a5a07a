"""Reading dotted paths out of a resource's attributes."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

from checker.models import Reference, Resource, Unresolved

META_FIELDS = ("$type", "$address", "$region", "$tags")


def meta_value(resource: Resource, name: str) -> Any:
    """What the source knows of the resource itself: `$type`, `$address`, `$region`, `$tags`."""
    if name == "$type":
        return resource.type
    if name == "$address":
        return resource.address
    if name == "$region":
        return resource.region
    if name == "$tags":
        return resource.tags
    raise KeyError(name)


def _decode_json_text(value: Any) -> Any:
    """A string holding a JSON object or array is read as that JSON (policies, task definitions)."""
    if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


#: A path step that turns a map into the list of its entries, each `{key: K, value: V}`, so
#: that `some`/`every`/`none` can judge a map's keys (environment variables by name).
ENTRIES = "$entries"


def _step(value: Any, key: str, out: list[Any]) -> None:
    value = _decode_json_text(value)
    if key == ENTRIES and isinstance(value, Mapping):
        out.append([{"key": k, "value": v} for k, v in value.items()])
    elif isinstance(value, list):
        for item in value:
            _step(item, key, out)
    elif isinstance(value, Mapping):
        if key in value:
            out.append(value[key])
    elif isinstance(value, Unresolved):
        out.append(Unresolved(f"{value.expression}.{key}", value.reason))
    elif isinstance(value, Reference):
        out.append(Unresolved(f"{value.expression}.{key}", value.unknown_because))


@functools.lru_cache(maxsize=4096)
def _names(path: str) -> tuple[str, ...]:
    """The steps of a dotted path (a control asks the same few paths of every resource)."""
    return tuple(path.split("."))


def resolve(root: Any, path: str | None, resource: Resource) -> list[Any]:
    """Every value at `path` below `root`; an empty list when the path is absent.

    Stepping into a list steps into each of its elements, so a path that crosses a list of
    blocks yields one value per block. No path means the root itself.
    """
    if path is None:
        return [root]
    names = _names(path)
    if len(names) == 1 and root.__class__ is dict and not names[0].startswith("$"):
        # One attribute of the attributes themselves: most paths controls ask.
        value = _decode_json_text(root.get(names[0]))
        return [] if value is None else [value]
    values: list[Any]
    if names[0].startswith("$"):
        values = [meta_value(resource, names[0])]
        names = names[1:]
    else:
        values = [root]
    for name in names:
        found: list[Any] = []
        for value in values:
            _step(value, name, found)
        values = found
    return [value for value in (_decode_json_text(v) for v in values) if value is not None]


def elements(values: list[Any]) -> list[Any]:
    """The elements to iterate over: each list's items, or a single value as itself."""
    items: list[Any] = []
    for value in values:
        if isinstance(value, list):
            items.extend(value)
        else:
            items.append(value)
    return items
