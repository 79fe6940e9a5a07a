"""Snapshots as JSON and back: the replay input of an evidence bundle.

Attribute values are JSON, except the two markers of what a source could not know, which are
written as single-key objects (`{"$unresolved": ...}`, `{"$reference": ...}`). A real map that
happens to use one of those keys is wrapped in `{"$map": ...}` so that nothing is misread.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from checker.models import (
    Location,
    Reference,
    Resource,
    Snapshot,
    SourceError,
    Suppression,
    Unresolved,
)

_UNRESOLVED = "$unresolved"
_REFERENCE = "$reference"
_MAP = "$map"
_MARKERS = frozenset({_UNRESOLVED, _REFERENCE, _MAP})

SNAPSHOT_FORMAT = "assaymark.snapshot/v1"


def encode_value(value: Any) -> Any:
    """A value as JSON, with unknowns as markers."""
    if isinstance(value, Unresolved):
        marker: dict[str, Any] = {"expression": value.expression, "reason": value.reason}
        if value.not_null:
            marker["not_null"] = True
        if value.known_parts:
            marker["known_parts"] = list(value.known_parts)
        return {_UNRESOLVED: marker}
    if isinstance(value, Reference):
        return {
            _REFERENCE: {
                "target": value.target,
                "attribute": value.attribute,
                "namespace": value.namespace,
            }
        }
    if isinstance(value, Mapping):
        encoded = {str(key): encode_value(item) for key, item in value.items()}
        return {_MAP: encoded} if _MARKERS.intersection(encoded) else encoded
    if isinstance(value, (list, tuple)):
        return [encode_value(item) for item in value]
    return value


def _known_parts(parts: Any) -> tuple[str | None, ...]:
    if not isinstance(parts, list) or not all(p is None or isinstance(p, str) for p in parts):
        raise TypeError(f"{_UNRESOLVED}.known_parts: expected a list of strings and nulls")
    return tuple(parts)


def decode_value(value: Any) -> Any:
    """The inverse of `encode_value`; raises TypeError on a malformed marker."""
    if isinstance(value, dict):
        if len(value) == 1 and _UNRESOLVED in value:
            marker = _marker(value[_UNRESOLVED], ("expression", "reason"), _UNRESOLVED)
            return Unresolved(
                marker["expression"],
                marker["reason"],
                marker.get("not_null") is True,
                _known_parts(marker.get("known_parts", [])),
            )
        if len(value) == 1 and _REFERENCE in value:
            marker = _marker(value[_REFERENCE], ("target", "attribute"), _REFERENCE)
            namespace = marker.get("namespace", "")
            return Reference(
                marker["target"],
                marker["attribute"],
                namespace if isinstance(namespace, str) else "",
            )
        if len(value) == 1 and _MAP in value:
            inner = value[_MAP]
            if not isinstance(inner, dict):
                raise TypeError(f"{_MAP}: expected an object")
            return {key: decode_value(item) for key, item in inner.items()}
        return {key: decode_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_value(item) for item in value]
    return value


def _marker(data: Any, fields: tuple[str, ...], name: str) -> Mapping[str, Any]:
    if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
        raise TypeError(f"{name}: expected an object with text {' and '.join(fields)}")
    return data


_KINDS = {str: "text", int: "a whole number", dict: "an object", list: "a list"}


def _check(value: Any, kind: type, where: str, optional: bool = False) -> Any:
    """`value`, after making sure it is of `kind` (or None when optional)."""
    if (value is None and optional) or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    raise TypeError(f"{where}: expected {_KINDS[kind]}, not {type(value).__name__}")


def _location(data: Any, where: str = "location") -> Location:
    _check(data, dict, where)
    known = {"file", "line", "end_line"}
    return Location(
        file=_check(data.get("file"), str, f"{where}.file", optional=True),
        line=_check(data.get("line"), int, f"{where}.line", optional=True),
        end_line=_check(data.get("end_line"), int, f"{where}.end_line", optional=True),
        extra={key: str(value) for key, value in data.items() if key not in known},
    )


def snapshot_to_dict(snapshot: Snapshot) -> dict[str, Any]:
    """A snapshot as JSON."""
    return {
        "format": SNAPSHOT_FORMAT,
        "source": snapshot.source,
        "metadata": encode_value(dict(snapshot.metadata)),
        "resources": [
            {
                "type": resource.type,
                "address": resource.address,
                "namespace": resource.namespace,
                "location": resource.location.to_dict(),
                "region": encode_value(resource.region),
                "tags": encode_value(resource.tags),
                "attributes": encode_value(dict(resource.attributes)),
                "suppressions": [
                    {
                        "control": s.control_id,
                        "reason": s.reason,
                        "location": s.location.to_dict(),
                    }
                    for s in resource.suppressions
                ],
                "unresolved": encode_value(resource.unresolved),
            }
            for resource in snapshot.resources
        ],
        "errors": [error.to_dict() for error in snapshot.errors],
    }


def snapshot_from_dict(data: Any) -> Snapshot:
    """A snapshot read back from JSON; raises TypeError or KeyError naming what is malformed."""
    _check(data, dict, "the snapshot")
    if data.get("format") != SNAPSHOT_FORMAT:
        raise TypeError(f"not an assaymark snapshot (format {data.get('format')!r})")
    source = _check(data.get("source"), str, "source")
    resources = tuple(
        _resource(source, item, f"resources[{number}]")
        for number, item in enumerate(_check(data.get("resources"), list, "resources"))
    )
    errors = tuple(
        SourceError(
            _check(error.get("source"), str, f"errors[{number}].source"),
            _check(error.get("message"), str, f"errors[{number}].message"),
            _location(error.get("location", {}), f"errors[{number}].location"),
        )
        for number, error in enumerate(_check(data.get("errors", []), list, "errors"))
        if _check(error, dict, f"errors[{number}]") is not None
    )
    metadata = _check(data.get("metadata", {}), dict, "metadata")
    return Snapshot(source, resources, errors, decode_value(metadata))


def _resource(source: str, item: Any, where: str) -> Resource:
    _check(item, dict, where)
    attributes = decode_value(_check(item.get("attributes"), dict, f"{where}.attributes"))
    tags = decode_value(item.get("tags", {}))
    if not isinstance(tags, (dict, Unresolved)):
        raise TypeError(f"{where}.tags: expected an object")
    unresolved = decode_value(item.get("unresolved"))
    if unresolved is not None and not isinstance(unresolved, Unresolved):
        raise TypeError(f"{where}.unresolved: expected null or an unresolved marker")
    suppressions = []
    for number, entry in enumerate(
        _check(item.get("suppressions", []), list, f"{where}.suppressions")
    ):
        at = f"{where}.suppressions[{number}]"
        _check(entry, dict, at)
        suppressions.append(
            Suppression(
                _check(entry.get("control"), str, f"{at}.control"),
                _check(entry.get("reason"), str, f"{at}.reason"),
                _location(entry.get("location", {}), f"{at}.location"),
            )
        )
    return Resource(
        source=source,
        type=_check(item.get("type"), str, f"{where}.type"),
        address=_check(item.get("address"), str, f"{where}.address"),
        attributes=attributes,
        location=_location(item.get("location", {}), f"{where}.location"),
        namespace=_check(item.get("namespace", ""), str, f"{where}.namespace"),
        tags=tags,
        region=decode_value(item.get("region")),
        suppressions=tuple(suppressions),
        unresolved=unresolved,
    )
