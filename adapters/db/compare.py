"""Two catalogs held against each other, object by object.

The reference catalog says what should be (the migrations replayed into a shadow database, or
a known-good environment); the other is what is. Every object only one of them has, and every
attribute that differs, is a `Difference`. A part that either side could not read leaves that
kind of object undecided (an `Unresolved` difference), never equal.

Compared: tables and views (kind, row-level security enabled and forced, `security_invoker`),
columns and their types, constraints, indexes, functions (`SECURITY DEFINER`, `search_path`,
language), row-level-security policies, explicit grants (each role's privileges on each
object), and default privileges. Owners are not compared: a migration replayed by another
user owns what it creates, and each owner's privileges on its own objects are left out with it.
The parts of a table that is missing or extra as a whole (columns, constraints, indexes) are
told in its own difference; its policies and grants stay differences of their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from adapters.db.catalog import Catalog
from checker.models import Unresolved

#: A kind of object, by key: its compared attributes.
Objects = dict[str, dict[str, Any]]

_ATTRIBUTE_NAMES = {
    "kind": "kind",
    "rls_enabled": "row-level security",
    "rls_forced": "forced row-level security",
    "security_invoker": "security_invoker",
    "data_type": "type",
    "definition": "definition",
    "security_definer": "SECURITY DEFINER",
    "search_path": "search_path",
    "language": "language",
    "command": "command",
    "roles": "roles",
    "using": "USING",
    "with_check": "WITH CHECK",
    "permissive": "permissive",
    "privileges": "privileges",
}
# The parts of a table that a missing or extra table accounts for.
_PARTS = ("column", "constraint", "index")


@dataclass(frozen=True)
class Difference:
    """One object that differs between the reference and the database (or a claim of the
    migration tracker that the folder does not bear out)."""

    kind: str
    object: str
    #: What the reference has (`exists`, `type integer`), or what was expected.
    expected: str
    #: What the database has.
    found: str
    #: Where the claim comes from, when a file says it (a migration).
    file: str | None = None
    #: Set when the difference could not be decided: why.
    unresolved: Unresolved | None = None


@dataclass(frozen=True)
class Comparison:
    """The differences between a database and its reference, and how much was compared."""

    differences: tuple[Difference, ...]
    #: Objects compared, by kind (the reference's and the database's together).
    compared: Mapping[str, int] = field(default_factory=dict)
    #: Kinds of object one side's engine does not read, so they were not compared.
    not_compared: tuple[str, ...] = ()


def _text(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)


def _tables(catalog: Catalog, owners: bool) -> Objects | Unresolved:
    if isinstance(catalog.relations, Unresolved):
        return catalog.relations
    found: Objects = {}
    for relation in catalog.relations:
        attributes: dict[str, Any] = {
            "kind": relation.kind.replace("_", " "),
            "rls_enabled": relation.rls_enabled,
            "rls_forced": relation.rls_forced,
        }
        if relation.kind == "view":
            attributes["security_invoker"] = relation.security_invoker
        found[relation.address] = attributes
    return found


def _columns(catalog: Catalog, owners: bool) -> Objects | Unresolved:
    if isinstance(catalog.relations, Unresolved):
        return catalog.relations
    return {
        f"{relation.address}.{column.name}": {"data_type": column.data_type}
        for relation in catalog.relations
        for column in relation.columns
    }


def _constraints(catalog: Catalog, owners: bool) -> Objects | Unresolved | None:
    if catalog.constraints is None or isinstance(catalog.constraints, Unresolved):
        return catalog.constraints
    return {
        f"{item.table}:{item.name}": {"definition": item.definition} for item in catalog.constraints
    }


def _indexes(catalog: Catalog, owners: bool) -> Objects | Unresolved | None:
    if catalog.indexes is None or isinstance(catalog.indexes, Unresolved):
        return catalog.indexes
    return {
        f"{item.table}:{item.name}": {"definition": item.definition} for item in catalog.indexes
    }


def _functions(catalog: Catalog, owners: bool) -> Objects | Unresolved:
    if isinstance(catalog.functions, Unresolved):
        return catalog.functions
    return {
        function.address: {
            "security_definer": function.security_definer,
            "search_path": function.search_path,
            "language": function.language,
        }
        for function in catalog.functions
    }


def _policies(catalog: Catalog, owners: bool) -> Objects | Unresolved:
    if isinstance(catalog.policies, Unresolved):
        return catalog.policies
    return {
        f"{policy.table}:{policy.name}": {
            "command": policy.command,
            "roles": sorted(policy.roles),
            "using": policy.using,
            "with_check": policy.with_check,
            "permissive": policy.permissive,
        }
        for policy in catalog.policies
    }


def _grants(catalog: Catalog, owners: bool) -> Objects | Unresolved:
    if isinstance(catalog.grants, Unresolved):
        return catalog.grants
    held: dict[str, set[str]] = defaultdict(set)
    for grant in catalog.grants:
        # An owner's own privileges (the grantor granting itself) follow whoever ran the DDL.
        if grant.grantee == grant.grantor:
            continue
        held[f"{grant.grantee} on {grant.object}"].add(grant.privilege)
    return {key: {"privileges": sorted(privileges)} for key, privileges in held.items()}


def _default_privileges(catalog: Catalog, owners: bool) -> Objects | Unresolved:
    if isinstance(catalog.default_privileges, Unresolved):
        return catalog.default_privileges
    held: dict[str, set[str]] = defaultdict(set)
    for entry in catalog.default_privileges:
        owner = f"created by {entry.owner} " if owners else ""
        schema = f"in schema {entry.schema}" if entry.schema else "in every schema"
        key = f"{entry.object_type}s {owner}{schema} to {entry.grantee}"
        held[key].update(entry.privileges)
    return {key: {"privileges": sorted(privileges)} for key, privileges in held.items()}


_KINDS: dict[str, Callable[[Catalog, bool], Objects | Unresolved | None]] = {
    "table": _tables,
    "column": _columns,
    "constraint": _constraints,
    "index": _indexes,
    "function": _functions,
    "policy": _policies,
    "grant": _grants,
    "default privilege": _default_privileges,
}


def renamed(catalog: Catalog, old: str, new: str) -> Catalog:
    """`catalog` with schema `old` called `new`: a MySQL shadow database's objects named as the
    live database's are."""

    def schema(name: str) -> str:
        return new if name == old else name

    def address(name: str) -> str:
        if name == f"schema:{old}":
            return f"schema:{new}"
        head, dot, rest = name.partition(".")
        return f"{schema(head)}{dot}{rest}" if dot else name

    def parts(value: Any, rename: Callable[[Any], Any]) -> Any:
        return (
            value if value is None or isinstance(value, Unresolved) else tuple(map(rename, value))
        )

    return replace(
        catalog,
        relations=parts(
            catalog.relations,
            lambda r: replace(r, schema=schema(r.schema), reads=tuple(map(address, r.reads))),
        ),
        policies=parts(catalog.policies, lambda p: replace(p, table=address(p.table))),
        grants=parts(catalog.grants, lambda g: replace(g, object=address(g.object))),
        functions=parts(catalog.functions, lambda f: replace(f, schema=schema(f.schema))),
        default_privileges=parts(
            catalog.default_privileges,
            lambda d: replace(d, schema=schema(d.schema) if d.schema else d.schema),
        ),
        constraints=parts(
            catalog.constraints,
            lambda c: replace(
                c, table=address(c.table), definition=c.definition.replace(f"{old}.", f"{new}.")
            ),
        ),
        indexes=parts(catalog.indexes, lambda i: replace(i, table=address(i.table))),
    )


def _table_of(kind: str, key: str) -> str:
    """The table a column (`s.t.c`), constraint or index (`s.t:name`) belongs to."""
    return key.rsplit(".", 1)[0] if kind == "column" else key.split(":", 1)[0]


def _whole_tables(
    reference: Objects | Unresolved | None, actual: Objects | Unresolved | None
) -> tuple[set[str], set[str]]:
    if not isinstance(reference, dict) or not isinstance(actual, dict):
        return set(), set()
    return set(reference) - set(actual), set(actual) - set(reference)


def compare(
    reference: Catalog,
    actual: Catalog,
    *,
    reference_name: str,
    ignore: frozenset[str] = frozenset(),
    owners: bool = True,
    partial: bool = False,
    claims: Callable[[str, str], bool] | None = None,
) -> Comparison:
    """What `actual` has that `reference` does not, and the other way round.

    `ignore` names relations (`schema.table`) to leave out, such as the migration tracker;
    `owners` False leaves the creating role out of default privileges (a replay's own).
    `partial` says the reference holds only some objects (derived by parsing the migrations,
    not replayed): objects only `actual` has are not differences, and attributes the
    reference leaves empty (None or "") are not compared; `claims(kind, key)` says which
    objects only `actual` has are differences all the same (where the reference is whole).
    """
    differences: list[Difference] = []
    compared: dict[str, int] = {}
    not_compared: list[str] = []
    missing_tables, extra_tables = _whole_tables(
        _tables(reference, owners), _tables(actual, owners)
    )
    parts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for kind, read in _KINDS.items():
        expected, found = read(reference, owners), read(actual, owners)
        if expected is None or found is None:
            not_compared.append(kind)
            continue
        why = expected if isinstance(expected, Unresolved) else found
        if isinstance(why, Unresolved):
            side = reference_name if why is expected else f"database {actual.database}"
            differences.append(
                Difference(
                    kind, "*", "", "", unresolved=Unresolved(f"the {kind}s of {side}", why.reason)
                )
            )
            continue
        assert isinstance(expected, dict) and isinstance(found, dict)
        for key in list(expected) + list(found):
            if _table_of(kind, key) in ignore or (kind == "table" and key in ignore):
                expected.pop(key, None)
                found.pop(key, None)
        compared[kind] = len(set(expected) | set(found))
        for key in sorted(set(expected) | set(found)):
            if kind in _PARTS and _table_of(kind, key) in missing_tables | extra_tables:
                parts[_table_of(kind, key)][kind] += 1
                continue
            if partial and key not in expected and not (claims and claims(kind, key)):
                continue
            differences.extend(
                _differ(kind, key, expected.get(key), found.get(key), reference_name, partial)
            )
    return Comparison(
        tuple(_with_parts(difference, parts) for difference in differences),
        compared,
        tuple(not_compared),
    )


def _differ(
    kind: str,
    key: str,
    expected: dict[str, Any] | None,
    found: dict[str, Any] | None,
    reference_name: str,
    partial: bool = False,
) -> list[Difference]:
    if found is None:
        return [Difference(kind, key, f"to exist (as in {reference_name})", "missing")]
    if expected is None:
        return [Difference(kind, key, f"not to exist (not in {reference_name})", "it exists")]
    return [
        Difference(
            kind,
            key,
            f"{_ATTRIBUTE_NAMES[name]} {_text(value)} (as in {reference_name})",
            f"{_ATTRIBUTE_NAMES[name]} {_text(found.get(name))}",
        )
        for name, value in expected.items()
        if found.get(name) != value and not (partial and value in (None, ""))
    ]


def _with_parts(difference: Difference, parts: Mapping[str, Mapping[str, int]]) -> Difference:
    if difference.kind != "table" or difference.object not in parts:
        return difference
    counted = ", ".join(
        f"{count} {kind if count == 1 else kind + 's' if kind != 'index' else 'indexes'}"
        for kind, count in parts[difference.object].items()
    )
    return Difference(
        difference.kind,
        difference.object,
        difference.expected,
        f"{difference.found}, with its {counted}",
        difference.file,
        difference.unresolved,
    )
