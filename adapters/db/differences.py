"""Differences between a database and its reference, as `db.drift` resources.

Each difference is one resource (`drift:KIND:OBJECT`) whose `drift` attribute says what was
expected and what was found; an undecided one is unresolved, so its check is `error`. When
nothing differs, one resource (`drift:none:REFERENCE`) says what was compared, so the drift
control passes with evidence rather than finding nothing to check.

Migrations parsed rather than replayed may hold statements that could not be derived: they
are not differences, but what was not compared is said, as the summary's `not_derived` or,
beside differences, as one passing resource (`drift:not-derived:*`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from adapters.db.catalog import Catalog
from adapters.db.compare import Difference
from adapters.db.resources import SOURCE
from checker.models import Location, Resource
from checker.redaction import redact

RESOURCE_TYPE = "db.drift"


@dataclass(frozen=True)
class NotDerived(Difference):
    """Statements of the migrations that parsing could not derive (`path:line: KIND`): what the
    comparison did not look at, told beside the differences rather than as one."""

    statements: tuple[str, ...] = ()


def not_derived(statements: Sequence[str]) -> NotDerived:
    """The marker that carries the statements not derived to `difference_resources`."""
    count = len(statements)
    found = f"{count} statement{'' if count == 1 else 's'} could not be derived: " + "; ".join(
        statements
    )
    return NotDerived("not-derived", "*", "", found, statements=tuple(statements))


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

    skipped = [
        statement
        for difference in differences
        if isinstance(difference, NotDerived)
        for statement in difference.statements
    ]
    differences = [item for item in differences if not isinstance(item, NotDerived)]
    if not differences:
        summary = dict(compared or {})
        total = sum(summary.values())
        agreed: dict[str, Any] = {
            "compared": summary,
            "drift": "",
            "found": f"{total} objects agree",
        }
        if skipped:
            agreed["not_derived"] = skipped
            agreed["found"] += f"; {not_derived(skipped).found}"
        return [resource(f"drift:none:{reference}", agreed)]
    resources = []
    if skipped:
        told = not_derived(skipped)
        listed = {"kind": told.kind, "object": told.object, "drift": "", "found": told.found,
                  "not_derived": skipped}  # fmt: skip
        resources.append(resource("drift:not-derived:*", listed))
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
