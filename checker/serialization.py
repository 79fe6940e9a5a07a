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


def decode_value(value: Any) -> Any:
    """The inverse of `encode_value`."""
    if isinstance(value, dict):
        if len(value) == 1 and _UNRESOLVED in value:
            marker = value[_UNRESOLVED]
            return Unresolved(marker["expression"], marker["reason"], marker.get("not_null", False))
        if len(value) == 1 and _REFERENCE in value:
            marker = value[_REFERENCE]
            return Reference(marker["target"], marker["attribute"], marker.get("namespace", ""))
        if len(value) == 1 and _MAP in value:
            return {key: decode_value(item) for key, item in value[_MAP].items()}
        return {key: decode_value(item) for key, item in value.items()}
    if isinstance(value, list):
        return [decode_value(item) for item in value]
    return value


def _location(data: Mapping[str, Any]) -> Location:
    known = {"file", "line", "end_line"}
    return Location(
        file=data.get("file"),
        line=data.get("line"),
        end_line=data.get("end_line"),
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


def snapshot_from_dict(data: Mapping[str, Any]) -> Snapshot:
    """A snapshot read back from JSON; raises KeyError or TypeError if it is malformed."""
    if data.get("format") != SNAPSHOT_FORMAT:
        raise TypeError(f"not an assaymark snapshot (format {data.get('format')!r})")
    source = data["source"]
    resources = tuple(
        Resource(
            source=source,
            type=item["type"],
            address=item["address"],
            attributes=decode_value(item["attributes"]),
            location=_location(item["location"]),
            namespace=item.get("namespace", ""),
            tags=decode_value(item.get("tags", {})),
            region=decode_value(item.get("region")),
            suppressions=tuple(
                Suppression(s["control"], s["reason"], _location(s.get("location", {})))
                for s in item.get("suppressions", [])
            ),
            unresolved=decode_value(item.get("unresolved")),
        )
        for item in data["resources"]
    )
    errors = tuple(
        SourceError(error["source"], error["message"], _location(error.get("location", {})))
        for error in data.get("errors", [])
    )
    return Snapshot(source, resources, errors, decode_value(data.get("metadata", {})))
