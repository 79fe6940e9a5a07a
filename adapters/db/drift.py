"""Schema drift: what the migrations claim, held against the live catalog.

A migration table can record a version whose objects were never created, or were dropped or
changed by hand since. An expectations file states what must exist; every missing or extra
object is a finding.

```yaml
tables:
  payments.cards:
    columns: [id, customer_id, pan_token, last4]   # exactly these (missing and extra)
    rls: true                                      # row-level security enabled
exhaustive_schemas: [payments]   # a table here that is not listed above is drift
grants:                          # explicit grants that must exist
  - {role: app_service, privilege: SELECT, object: payments.cards}
revoked:                         # explicit grants that must not exist
  - {role: anon, privilege: SELECT, object: payments.cards}
  - {role: anon, privilege: ALL, object: payments.cards}   # no privilege at all
```

`privilege: ALL` in `grants` holds when every privilege `GRANT ALL` gives on that kind of
object is granted; in `revoked`, when none is. `assaymark db expectations` writes such a file
from a database (`expectations_text`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from adapters.base import AdapterError
from adapters.db.catalog import Catalog, Grant, Relation
from checker.models import Unresolved
from checker.yaml_input import check_expansion

_KEYS = frozenset({"tables", "exhaustive_schemas", "grants", "revoked"})
_TABLE_KEYS = frozenset({"columns", "rls"})
_ALL = frozenset({"ALL", "ALL PRIVILEGES"})

_MYSQL_TABLE_PRIVILEGES = frozenset(
    {"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER",
     "CREATE VIEW", "SHOW VIEW", "TRIGGER"}
)  # fmt: skip
_MYSQL_EVERY_PRIVILEGE: Mapping[str, frozenset[str]] = {
    "table": _MYSQL_TABLE_PRIVILEGES,
    "schema": _MYSQL_TABLE_PRIVILEGES | {"EXECUTE"},
}

#: What `GRANT ALL` gives on each kind of object, by engine: `privilege: ALL` in `grants`
#: holds when every one of them is granted.
EVERY_PRIVILEGE: Mapping[str, Mapping[str, frozenset[str]]] = {
    "postgresql": {
        "table": frozenset(
            {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"}
        ),
        "view": frozenset(
            {"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES", "TRIGGER"}
        ),
        "sequence": frozenset({"USAGE", "SELECT", "UPDATE"}),
        "schema": frozenset({"USAGE", "CREATE"}),
        "function": frozenset({"EXECUTE"}),
    },
    "mysql": _MYSQL_EVERY_PRIVILEGE,
    "mariadb": _MYSQL_EVERY_PRIVILEGE,
}


@dataclass(frozen=True)
class TableExpectation:
    """A table that must exist, with its columns and row-level security if given."""

    name: str
    columns: tuple[str, ...] | None
    rls: bool | None
    line: int


@dataclass(frozen=True)
class GrantExpectation:
    """An explicit grant that must exist (`revoked` False) or must not (`revoked` True)."""

    role: str
    privilege: str
    on: str
    revoked: bool
    line: int


@dataclass(frozen=True)
class Expectations:
    """A validated expectations file."""

    path: Path
    tables: tuple[TableExpectation, ...] = ()
    exhaustive_schemas: tuple[str, ...] = ()
    grants: tuple[GrantExpectation, ...] = ()


@dataclass(frozen=True)
class Drift:
    """One expectation checked against the catalog."""

    kind: str
    object: str
    expected: str
    holds: bool | Unresolved
    found: str
    line: int


def _line(node: yaml.Node | None, *keys: str | int) -> int:
    line = node.start_mark.line + 1 if node is not None else 1
    for key in keys:
        child = None
        if isinstance(node, yaml.MappingNode):
            pair = next(((k, v) for k, v in node.value if k.value == key), None)
            if pair is None:
                break
            # A key's line, not its value's, which may start on the next line.
            node, line = pair[1], pair[0].start_mark.line + 1
            continue
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int):
            child = node.value[key] if key < len(node.value) else None
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise AdapterError(f"{where}: expected a list of names")
    return tuple(value)


def load_expectations(path: Path) -> Expectations:
    """Read and check an expectations file; every problem names the file, line and key."""
    try:
        text = path.read_text(encoding="utf-8")
        check_expansion(text)
        node = yaml.compose(text)
        data = yaml.safe_load(text)
    except OSError as exc:
        raise AdapterError(f"--expectations {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise AdapterError(f"--expectations {path}: not UTF-8 text (byte {exc.start})") from exc
    except RecursionError as exc:
        raise AdapterError(f"--expectations {path}: not valid YAML: nested too deeply") from exc
    except yaml.YAMLError as exc:
        raise AdapterError(f"--expectations {path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise AdapterError(f"{path}:1: expected a mapping with {', '.join(sorted(_KEYS))}")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise AdapterError(f"{path}:1: unknown key(s) {', '.join(unknown)}")
    declared = data.get("tables") or {}
    if not isinstance(declared, dict):
        where = f"{path}:{_line(node, 'tables')}: tables"
        raise AdapterError(f"{where}: expected a mapping of schema.table names to their columns")
    tables = []
    for name, spec in declared.items():
        where = f"{path}:{_line(node, 'tables', name)}: tables.{name}"
        spec = spec or {}
        if not isinstance(spec, dict) or set(spec) - _TABLE_KEYS:
            raise AdapterError(f"{where}: give columns (a list) and rls (true or false)")
        columns = spec.get("columns")
        rls = spec.get("rls")
        if rls is not None and not isinstance(rls, bool):
            raise AdapterError(f"{where}.rls: expected true or false")
        tables.append(
            TableExpectation(
                str(name),
                None if columns is None else _strings(columns, f"{where}.columns"),
                rls,
                _line(node, "tables", name),
            )
        )
    grants = []
    for section in ("grants", "revoked"):
        entries = data.get(section) or []
        if not isinstance(entries, list):
            raise AdapterError(f"{path}: {section}: expected a list")
        for number, entry in enumerate(entries):
            line = _line(node, section, number)
            if not isinstance(entry, dict) or set(entry) != {"role", "privilege", "object"}:
                raise AdapterError(
                    f"{path}:{line}: {section}[{number}]: give role, privilege, object"
                )
            grants.append(
                GrantExpectation(
                    str(entry["role"]),
                    str(entry["privilege"]).upper(),
                    str(entry["object"]),
                    section == "revoked",
                    line,
                )
            )
    schemas = data.get("exhaustive_schemas") or []
    return Expectations(
        path,
        tuple(tables),
        _strings(schemas, f"{path}: exhaustive_schemas"),
        tuple(grants),
    )


def _table_drift(expected: TableExpectation, relations: Mapping[str, Relation]) -> list[Drift]:
    found = relations.get(expected.name)
    drifts = [
        Drift(
            "table",
            expected.name,
            "exists",
            found is not None,
            "exists" if found is not None else "missing from the database",
            expected.line,
        )
    ]
    if found is None:
        return drifts
    if expected.columns is not None:
        actual = [column.name for column in found.columns]
        for column in expected.columns:
            present = column in actual
            what = "exists" if present else "missing from the database"
            drifts.append(
                Drift("column", f"{expected.name}.{column}", "exists", present, what, expected.line)
            )
        for column in actual:
            if column not in expected.columns:
                drifts.append(
                    Drift(
                        "column",
                        f"{expected.name}.{column}",
                        "not to exist (not in the expectations)",
                        False,
                        "exists in the database",
                        expected.line,
                    )
                )
    if expected.rls is not None:
        state = "on" if found.rls_enabled else "off"
        drifts.append(
            Drift(
                "rls",
                expected.name,
                f"row-level security {'on' if expected.rls else 'off'}",
                found.rls_enabled == expected.rls,
                f"row-level security is {state}",
                expected.line,
            )
        )
    return drifts


def _privileges_held(expected: GrantExpectation, grants: Sequence[Grant]) -> dict[str, set[str]]:
    """The privileges `expected.role` holds on `expected.on` (and its columns), by object type."""
    held: dict[str, set[str]] = {}
    for grant in grants:
        on_it = grant.object == expected.on or grant.object.startswith(f"{expected.on}.")
        if grant.grantee == expected.role and on_it:
            held.setdefault(grant.object_type, set()).add(grant.privilege.upper())
    return held


def _granted(expected: GrantExpectation, held: Mapping[str, set[str]], engine: str) -> bool:
    if expected.privilege not in _ALL:
        return any(privileges & (_ALL | {expected.privilege}) for privileges in held.values())
    if expected.revoked:
        # `ALL` revoked: the role holds no privilege on it at all.
        return any(held.values())
    every = EVERY_PRIVILEGE.get(engine, {})
    return any(
        privileges & _ALL or (kind in every and every[kind] <= privileges)
        for kind, privileges in held.items()
    )


def _grant_drift(expected: GrantExpectation, grants: Sequence[Grant], engine: str) -> Drift:
    matching = _granted(expected, _privileges_held(expected, grants), engine)
    statement = f"{expected.privilege} on {expected.on} to {expected.role}"
    if expected.revoked:
        return Drift(
            "revoked",
            statement,
            "no such grant",
            not matching,
            "granted" if matching else "not granted",
            expected.line,
        )
    return Drift(
        "grant",
        statement,
        "granted",
        matching,
        "granted" if matching else "not granted",
        expected.line,
    )


def expectations_text(catalog: Catalog, source: str) -> str:
    """An expectations file that holds for `catalog` today: its tables with their columns and
    row-level security, every schema exhaustive, the explicit grants (not owners' own), and
    `ALL` revoked for each untrusted role on each table it holds nothing on."""
    parts = (catalog.relations, catalog.grants)
    why = next((part for part in parts if isinstance(part, Unresolved)), None)
    if why is not None:
        raise AdapterError(f"{source}: cannot write expectations: {why}")
    assert not isinstance(catalog.relations, Unresolved)
    assert not isinstance(catalog.grants, Unresolved)
    tables = [r for r in catalog.relations if r.kind in ("table", "partitioned_table")]
    granted = sorted(
        {
            (grant.grantee, grant.privilege.upper(), grant.object)
            for grant in catalog.grants
            if grant.grantee != grant.grantor and grant.object_type != "function"
        }
    )
    # A column's grant (`schema.table.column`) is a privilege on its table too.
    holders = {(grantee, ".".join(obj.split(".")[:2])) for grantee, _, obj in granted}
    data: dict[str, Any] = {
        "tables": {
            table.address: {"columns": [c.name for c in table.columns], "rls": table.rls_enabled}
            for table in tables
        },
        "exhaustive_schemas": sorted({table.schema for table in tables}),
        "grants": [
            {"role": grantee, "privilege": privilege, "object": obj}
            for grantee, privilege, obj in granted
        ],
        "revoked": [
            {"role": role, "privilege": "ALL", "object": table.address}
            for role in catalog.untrusted_roles
            for table in tables
            if (role, table.address) not in holders
        ],
    }
    header = (
        f"# What {source} held when `assaymark db expectations` read it.\n"
        "# Check it against the migrations, then keep it beside them:\n"
        "# assaymark scan db --expectations FILE\n"
    )
    # Lists of plain values, and each grant, on one line each (as the format documents them).
    return header + yaml.safe_dump(data, sort_keys=False, width=100, default_flow_style=None)


def check_expectations(expectations: Expectations, catalog: Catalog) -> list[Drift]:
    """Every expectation against the catalog; unreadable parts leave them undecided."""
    results: list[Drift] = []
    relations = catalog.relations
    if isinstance(relations, Unresolved):
        for table in expectations.tables:
            results.append(Drift("table", table.name, "exists", relations, "", table.line))
    else:
        by_address = {relation.address: relation for relation in relations}
        for table in expectations.tables:
            results.extend(_table_drift(table, by_address))
        listed = {table.name for table in expectations.tables}
        for relation in relations:
            exhaustive = relation.schema in expectations.exhaustive_schemas
            if exhaustive and relation.address not in listed:
                results.append(
                    Drift(
                        "table",
                        relation.address,
                        "not to exist (not in the expectations)",
                        False,
                        f"a {relation.kind.replace('_', ' ')} exists in the database",
                        1,
                    )
                )
    for grant in expectations.grants:
        if isinstance(catalog.grants, Unresolved):
            kind = "revoked" if grant.revoked else "grant"
            statement = f"{grant.privilege} on {grant.on} to {grant.role}"
            results.append(Drift(kind, statement, "", catalog.grants, "", grant.line))
        else:
            results.append(_grant_drift(grant, catalog.grants, catalog.engine))
    return results
