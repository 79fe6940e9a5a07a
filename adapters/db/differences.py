"""Differences between a database and its reference, as `db.drift` resources.

Each difference is one resource (`drift:KIND:OBJECT`) whose `drift` attribute says what was
expected and what was found; an undecided one is unresolved, so its check is `error`. When
nothing differs, one resource (`drift:none:REFERENCE`) says what was compared, so the drift
control passes with evidence rather than finding nothing to check.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from adapters.db.catalog import Catalog
from adapters.db.compare import Difference
from adapters.db.resources import SOURCE
from checker.models import Location, Resource
from checker.redaction import redact

RESOURCE_TYPE = "db.drift"


def difference_resources(
    catalog: Catalog,
    differences: Sequence[Difference],
    reference: str,
    compared: Mapping[str, int] | None = None,
) -> list[Resource]:
    """The resources of `catalog`'s differences from `reference`."""
    extra = {"engine": catalog.engine, "server": catalog.server, "database": catalog.database}
    namespace = f"{catalog.server}/{catalog.database}"

    def resource(address: str, attributes: dict[str, Any], file: str | None = None) -> Resource:
        return Resource(
            source=SOURCE,
            type=RESOURCE_TYPE,
            address=address,
            attributes=redact({"engine": catalog.engine, "against": reference, **attributes}),
            location=Location(file=file, extra=extra),
            namespace=namespace,
        )

    if not differences:
        summary = dict(compared or {})
        total = sum(summary.values())
        agreed = {"compared": summary, "drift": "", "found": f"{total} objects agree"}
        return [resource(f"drift:none:{reference}", agreed)]
    resources = []
    for difference in differences:
        attributes: dict[str, Any] = {
            "kind": difference.kind,
            "object": difference.object,
            "expected": difference.expected,
            "found": difference.found,
            "drift": difference.unresolved
            or f"expected {difference.expected}, found {difference.found}",
        }
        found = resource(
            f"drift:{difference.kind}:{difference.object}", attributes, difference.file
        )
        if difference.unresolved is not None:
            found = replace(found, unresolved=difference.unresolved)
        resources.append(found)
    return resources
