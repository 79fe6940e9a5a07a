"""The objects migrations create, as the statements are applied one by one, and the catalog
they amount to.

Objects refer to each other (an index to its table, a foreign key to the table it references),
so a rename or a move to another schema is one change that every reference sees, and a drop
takes what depends on it along. Definitions (of constraints and indexes) are printed only at
the end, from the columns' names then.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from adapters.db import catalog as live
from adapters.db.catalog import PUBLIC, Catalog
from adapters.db.sql_claims.names import qualified, quote_identifier

#: Privileges by grantee, each with whether it may be granted on.
Acl = dict[str, dict[str, bool]]

#: What an object of each kind holds before any grant, leaving out its owner's own privileges.
BASELINE: Mapping[str, Mapping[str, frozenset[str]]] = {
    "function": {PUBLIC: frozenset({"EXECUTE"})},
    "type": {PUBLIC: frozenset({"USAGE"})},
}
#: What `ALL` on columns gives.
COLUMN_PRIVILEGES = frozenset({"SELECT", "INSERT", "UPDATE", "REFERENCES"})

_RELATION_GRANT_TYPES = {
    "table": "table",
    "partitioned_table": "table",
    "view": "view",
    "materialized_view": "materialized_view",
    "foreign_table": "foreign_table",
}


def grant(acl: Acl, grantee: str, privileges: set[str] | frozenset[str], grantable: bool) -> None:
    """Add `privileges` for `grantee` (and the right to grant them on, when `grantable`)."""
    held = acl.setdefault(grantee, {})
    for privilege in privileges:
        held[privilege] = held.get(privilege, False) or grantable


def revoke(
    acl: Acl, grantee: str, privileges: set[str] | frozenset[str], option_only: bool = False
) -> None:
    """Take `privileges` (or only the right to grant them on) from `grantee`."""
    held = acl.get(grantee)
    if held is None:
        return
    for privilege in privileges:
        if privilege not in held:
            continue
        if option_only:
            held[privilege] = False
        else:
            del held[privilege]
    if not held:
        del acl[grantee]


@dataclass(eq=False)
class Column:
    """A column; `data_type` as format_type() prints it, or "" when not known exactly."""

    name: str
    data_type: str
    acl: Acl = field(default_factory=dict)


@dataclass(eq=False)
class Policy:
    """A row-level-security policy; expressions only where they are printed exactly."""

    name: str
    command: str
    roles: tuple[str, ...]
    permissive: bool = True
    using: str | None = None
    with_check: str | None = None


@dataclass(eq=False)
class Relation:
    """A table, view, materialized view or foreign table, or (`external`) one the migrations
    name but do not create: only what they claim about it is held against the database."""

    schema: str
    name: str
    kind: str
    columns: list[Column] = field(default_factory=list)
    rls_enabled: bool = False
    rls_forced: bool = False
    security_invoker: bool | None = None
    acl: Acl = field(default_factory=dict)
    #: False when privileges it received at creation are not known (default privileges of
    #: another role): then none of its grants are claimed.
    acl_known: bool = True
    #: The role ALTER ... OWNER TO gave it ("" while it is whoever ran the migrations): an
    #: owner's own privileges are not grants.
    owner: str = ""
    policies: dict[str, Policy] = field(default_factory=dict)
    constraints: list[Constraint] = field(default_factory=list)
    #: Views: the relations they read, dropped with them by CASCADE.
    reads: list[Relation] = field(default_factory=list)
    external: bool = False

    @property
    def address(self) -> str:
        """`schema.name`, as the live catalog names it."""
        return f"{self.schema}.{self.name}"

    def column(self, name: str) -> Column | None:
        """The column called `name`, if any."""
        return next((column for column in self.columns if column.name == name), None)


@dataclass(eq=False)
class Sequence:
    """A sequence (its grants are the only part of it the catalog holds)."""

    schema: str
    name: str
    acl: Acl = field(default_factory=dict)
    acl_known: bool = True
    owner: str = ""
    #: The column a serial or identity column's sequence belongs to, dropped with it.
    owned_by: tuple[Relation, str] | None = None


@dataclass(eq=False)
class IndexElement:
    """One key of an index: a column (`column`) or an expression (`column` None), with the
    columns it uses and how it is printed after the column (`DESC`)."""

    column: str | None
    uses: frozenset[str]
    suffix: str = ""


@dataclass(eq=False)
class Index:
    """An index; `exact` False when its definition cannot be printed as the server does."""

    name: str
    table: Relation
    unique: bool
    method: str
    elements: list[IndexElement]
    include: list[str] = field(default_factory=list)
    nulls_not_distinct: bool = False
    exact: bool = True

    @property
    def schema(self) -> str:
        """An index lives in its table's schema."""
        return self.table.schema

    def uses(self) -> set[str]:
        """The columns it is built on."""
        return {name for element in self.elements for name in element.uses} | set(self.include)

    def definition(self) -> str:
        """pg_get_indexdef(), or "" when not known exactly."""
        if not self.exact or any(element.column is None for element in self.elements):
            return ""
        keys = ", ".join(
            quote_identifier(element.column or "") + element.suffix for element in self.elements
        )
        text = (
            f"CREATE {'UNIQUE ' if self.unique else ''}INDEX {quote_identifier(self.name)} "
            f"ON {qualified(self.table.schema, self.table.name)} USING {self.method} ({keys})"
        )
        if self.include:
            text += f" INCLUDE ({', '.join(quote_identifier(name) for name in self.include)})"
        if self.nulls_not_distinct:
            text += " NULLS NOT DISTINCT"
        return text


@dataclass(eq=False)
class Constraint:
    """A primary key, unique, foreign key, check or exclusion constraint."""

    name: str
    kind: str
    #: Its columns; for checks, the columns its expression uses.
    columns: list[str]
    exact: bool = True
    include: list[str] = field(default_factory=list)
    nulls_not_distinct: bool = False
    #: Foreign keys: the referenced table and columns, and what follows them when printed.
    target: Relation | None = None
    target_columns: list[str] = field(default_factory=list)
    actions: str = ""
    #: ` DEFERRABLE`, ` INITIALLY DEFERRED`, ` NOT VALID` as printed.
    attributes: str = ""
    #: Primary keys and unique constraints: the index that enforces them.
    index: Index | None = None

    def definition(self) -> str:
        """pg_get_constraintdef(), or "" when not known exactly."""
        if not self.exact:
            return ""
        columns = ", ".join(quote_identifier(name) for name in self.columns)
        if self.kind == "primary key":
            text = f"PRIMARY KEY ({columns})"
        elif self.kind == "unique":
            nulls = "NULLS NOT DISTINCT " if self.nulls_not_distinct else ""
            text = f"UNIQUE {nulls}({columns})"
        elif self.kind == "foreign key" and self.target is not None and self.target_columns:
            targets = ", ".join(quote_identifier(name) for name in self.target_columns)
            where = qualified(self.target.schema, self.target.name)
            text = f"FOREIGN KEY ({columns}) REFERENCES {where}({targets}){self.actions}"
        else:
            return ""
        if self.include:
            text += f" INCLUDE ({', '.join(quote_identifier(name) for name in self.include)})"
        return text + self.attributes


@dataclass(eq=False)
class Function:
    """A function or procedure. `arguments` are (mode, name, type) with mode "" for IN;
    a type "" (not known) leaves the function without an address."""

    schema: str
    name: str
    arguments: list[tuple[str, str, str]]
    procedure: bool
    language: str
    security_definer: bool = False
    search_path: str | None = None
    acl: Acl = field(default_factory=dict)
    acl_known: bool = True
    owner: str = ""

    def signature(self) -> tuple[str, ...]:
        """The argument types that identify it (a procedure's OUT arguments too)."""
        modes = ("", "INOUT", "VARIADIC", "OUT") if self.procedure else ("", "INOUT", "VARIADIC")
        return tuple(kind for mode, _, kind in self.arguments if mode in modes)

    @property
    def address(self) -> str | None:
        """`schema.name(arguments)` as pg_get_function_identity_arguments() prints them."""
        if any(not kind for _, _, kind in self.arguments):
            return None
        # A procedure's identity has its OUT arguments too, so its IN ones say so.
        printed = ", ".join(
            " ".join(
                part
                for part in (
                    mode or ("IN" if self.procedure else ""),
                    quote_identifier(name) if name else "",
                    kind,
                )
                if part
            )
            for mode, name, kind in self.arguments
        )
        return f"{self.schema}.{self.name}({printed})"


@dataclass(eq=False)
class Schema:
    """A schema; `existed` when the migrations found it there (`public`): what PUBLIC held on
    it before them is not known."""

    name: str
    acl: Acl = field(default_factory=dict)
    acl_known: bool = True
    owner: str = ""
    existed: bool = False


#: Entries of pg_class in one namespace.
Class = Relation | Sequence | Index


@dataclass
class Model:
    """Every object the statements applied so far leave."""

    schemas: dict[str, Schema] = field(default_factory=dict)
    classes: dict[tuple[str, str], Class] = field(default_factory=dict)
    #: Relations named by a statement but not created by one, by (schema, name).
    externals: dict[tuple[str, str], Relation] = field(default_factory=dict)
    #: User-defined types (enums, domains, composite and range types) by (schema, name).
    types: set[tuple[str, str]] = field(default_factory=set)
    functions: list[Function] = field(default_factory=list)
    #: ALTER DEFAULT PRIVILEGES by (role, schema, object type); role "" is whoever runs them.
    default_privileges: dict[tuple[str, str | None, str], Acl] = field(default_factory=dict)
    #: (schema, object type) with default privileges of a named role: who runs the migrations
    #: is not known, so what new objects of the kind receive is not either.
    unknown_defaults: set[tuple[str | None, str]] = field(default_factory=set)

    def relations(self) -> Iterator[Relation]:
        """The relations the migrations created."""
        yield from (item for item in self.classes.values() if isinstance(item, Relation))

    def indexes(self) -> Iterator[Index]:
        """Every index, on created and external relations alike."""
        yield from (item for item in self.classes.values() if isinstance(item, Index))

    def relation_name_taken(self, schema: str, name: str) -> bool:
        """Whether a table, index, sequence or type already has `name` in `schema`."""
        return (schema, name) in self.classes or (schema, name) in self.types

    def constraint_name_taken(self, schema: str, name: str) -> bool:
        """Whether a constraint of `schema` already has `name`."""
        return any(
            constraint.name == name
            for relation in [*self.relations(), *self.externals.values()]
            if relation.schema == schema
            for constraint in relation.constraints
        )

    def initial_acl(self, object_type: str, schema: str | None) -> tuple[Acl, bool]:
        """What a new object receives from the default privileges, and whether that is known."""
        known = (schema, object_type) not in self.unknown_defaults and (
            None,
            object_type,
        ) not in self.unknown_defaults
        acl: Acl = {}
        everywhere = self.default_privileges.get(("", None, object_type))
        if everywhere is None:
            for grantee, privileges in BASELINE.get(object_type, {}).items():
                grant(acl, grantee, privileges, False)
        else:
            acl = {grantee: dict(held) for grantee, held in everywhere.items()}
        if schema is not None:
            for grantee, held in self.default_privileges.get(("", schema, object_type), {}).items():
                for privilege, grantable in held.items():
                    grant(acl, grantee, {privilege}, grantable)
        return acl, known

    def default_acl(self, role: str, schema: str | None, object_type: str) -> Acl:
        """The entry ALTER DEFAULT PRIVILEGES changes; one for every schema starts from what
        objects get without it."""
        key = (role, schema, object_type)
        if key not in self.default_privileges:
            acl: Acl = {}
            if schema is None:
                for grantee, privileges in BASELINE.get(object_type, {}).items():
                    grant(acl, grantee, privileges, False)
            self.default_privileges[key] = acl
        return self.default_privileges[key]

    def catalog(self, engine: str) -> Catalog:
        """The reference catalog: what the migrations claim."""
        return _render(self, engine)


def _acl_grants(
    acl: Acl, object_type: str, address: str, owner: str, public: bool = True
) -> list[live.Grant]:
    return [
        live.Grant(grantee, privilege, object_type, address, grantable=grantable)
        for grantee, held in sorted(acl.items())
        if (public or grantee != PUBLIC) and grantee != owner
        for privilege, grantable in sorted(held.items())
    ]


def _relation_grants(relation: Relation) -> list[live.Grant]:
    # What PUBLIC held on a relation the migrations did not create is not known.
    public = not relation.external
    found = []
    if relation.acl_known:
        object_type = _RELATION_GRANT_TYPES.get(relation.kind, "table")
        found.extend(
            _acl_grants(relation.acl, object_type, relation.address, relation.owner, public)
        )
    for column in relation.columns:
        address = f"{relation.address}.{column.name}"
        found.extend(_acl_grants(column.acl, "column", address, relation.owner, public))
    return found


def _default_privileges(model: Model) -> list[live.DefaultPrivilege]:
    found = []
    for (role, schema, object_type), acl in sorted(
        model.default_privileges.items(),
        key=lambda item: (item[0][0], item[0][1] or "", item[0][2]),
    ):
        baseline = BASELINE.get(object_type, {}) if schema is None else {}
        for grantee, held in sorted(acl.items()):
            # What every object gets anyway is not a row of its own unless something else is.
            if set(held) == set(baseline.get(grantee, ())) and not any(held.values()):
                continue
            found.append(
                live.DefaultPrivilege(role, schema, object_type, grantee, tuple(sorted(held)))
            )
    return found


def _render(model: Model, engine: str) -> Catalog:
    created = sorted(model.relations(), key=lambda relation: relation.address)
    named = sorted([*created, *model.externals.values()], key=lambda relation: relation.address)
    relations = tuple(
        live.Relation(
            schema=relation.schema,
            name=relation.name,
            kind=relation.kind,
            owner="",
            columns=tuple(
                live.Column(column.name, column.data_type) for column in relation.columns
            ),
            rls_enabled=relation.rls_enabled,
            rls_forced=relation.rls_forced,
            security_invoker=relation.security_invoker if relation.kind == "view" else None,
            reads=tuple(sorted(read.address for read in relation.reads)),
        )
        for relation in created
    )
    policies = tuple(
        live.Policy(
            relation.address,
            policy.name,
            policy.command,
            policy.roles,
            policy.using,
            policy.with_check,
            policy.permissive,
        )
        for relation in named
        for policy in sorted(relation.policies.values(), key=lambda policy: policy.name)
    )
    grants = [grant for relation in named for grant in _relation_grants(relation)]
    for item in model.classes.values():
        if isinstance(item, Sequence) and item.acl_known:
            address = f"{item.schema}.{item.name}"
            grants.extend(_acl_grants(item.acl, "sequence", address, item.owner))
    for schema in sorted(model.schemas.values(), key=lambda schema: schema.name):
        if schema.acl_known:
            address = f"schema:{schema.name}"
            grants.extend(
                _acl_grants(schema.acl, "schema", address, schema.owner, not schema.existed)
            )
    functions = []
    for function in model.functions:
        identity = function.address
        if identity is None:
            continue
        functions.append(
            live.Function(
                schema=function.schema,
                name=function.name,
                arguments=identity[len(function.schema) + len(function.name) + 2 : -1],
                owner="",
                security_definer=function.security_definer,
                search_path=function.search_path,
                language=function.language,
            )
        )
        if function.acl_known:
            grants.extend(_acl_grants(function.acl, "function", identity, function.owner))
    constraints = tuple(
        live.Constraint(relation.address, constraint.name, constraint.kind, constraint.definition())
        for relation in named
        for constraint in relation.constraints
    )
    indexes = tuple(
        live.Index(index.table.address, index.name, index.definition())
        for index in sorted(model.indexes(), key=lambda index: (index.table.address, index.name))
    )
    return Catalog.derived(
        engine,
        relations=relations,
        policies=policies,
        grants=tuple(grants),
        functions=tuple(sorted(functions, key=lambda function: function.address)),
        default_privileges=tuple(_default_privileges(model)),
        constraints=constraints,
        indexes=indexes,
    )
