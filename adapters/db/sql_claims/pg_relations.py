"""PostgreSQL statements on tables, views, sequences, indexes and constraints, and the drops
and renames that take their dependents along."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pglast import ast
from pglast.enums.parsenodes import ConstrType, SortByDir, SortByNulls

from adapters.db.sql_claims.model import Column, Constraint, Index, IndexElement, Relation, Sequence
from adapters.db.sql_claims.names import (
    choose_name,
    column_names_addition,
    distinct_column_names,
    qualified,
)
from adapters.db.sql_claims.pg_context import Context, column_refs, strings

_ACTIONS = {"r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}
_MATCHES = {"f": " MATCH FULL", "p": " MATCH PARTIAL"}
_KEYS = (ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_EXCLUSION)


@dataclass
class Pending:
    """What one statement adds to a table after its columns, applied in PostgreSQL's order:
    sequences, then checks, then the primary key, unique and exclusion constraints, then
    foreign keys (the order in which it chooses their names)."""

    sequences: list[str] = field(default_factory=list)
    #: (constraint, the column it was written on, DEFERRABLE, INITIALLY DEFERRED)
    constraints: list[list[Any]] = field(default_factory=list)


def create_relation(context: Context, node: ast.RangeVar, kind: str) -> Relation | None:
    """A new relation, or None when one of the name exists (IF NOT EXISTS) or it is temporary
    (gone when the migration's session ends)."""
    if node.relpersistence == "t":
        return None
    schema = context.creation_schema(node.schemaname)
    name = node.relname or ""
    if context.model.relation_name_taken(schema, name):
        return None
    acl, known = context.model.initial_acl("table", schema)
    relation = Relation(schema, name, kind, acl=acl, acl_known=known)
    context.model.classes[(schema, name)] = relation
    context.model.externals.pop((schema, name), None)
    return relation


def add_column(context: Context, relation: Relation, node: ast.ColumnDef, pending: Pending) -> None:
    """A column and what its definition adds (serial sequence, inline constraints)."""
    name = node.colname or ""
    serial = context.serial_type(node.typeName)
    existing = relation.column(name)
    if existing is None:
        relation.columns.append(Column(name, serial or context.type_text(node.typeName)))
    elif node.typeName is not None:
        existing.data_type = serial or context.type_text(node.typeName)
    if serial is not None:
        pending.sequences.append(name)
    for constraint in node.constraints or ():
        assert isinstance(constraint, ast.Constraint)
        kind = constraint.contype
        if kind == ConstrType.CONSTR_IDENTITY:
            pending.sequences.append(name)
        elif kind in (ConstrType.CONSTR_ATTR_DEFERRABLE, ConstrType.CONSTR_ATTR_DEFERRED):
            if pending.constraints:
                pending.constraints[-1][2] = True
                pending.constraints[-1][3] |= kind == ConstrType.CONSTR_ATTR_DEFERRED
        elif kind in (*_KEYS, ConstrType.CONSTR_CHECK, ConstrType.CONSTR_FOREIGN):
            pending.constraints.append([constraint, name, False, False])


def add_table_constraint(pending: Pending, node: ast.Constraint) -> None:
    """A table constraint (`PRIMARY KEY (a, b)`, `CONSTRAINT x CHECK (...)`)."""
    pending.constraints.append([node, None, bool(node.deferrable), bool(node.initdeferred)])


def apply_pending(context: Context, relation: Relation, pending: Pending, altering: bool) -> None:
    """Add the statement's sequences and constraints, naming them as PostgreSQL would."""
    for column in pending.sequences:
        add_sequence(context, relation.schema, None, (relation, column))
    order = {ConstrType.CONSTR_CHECK: 0, ConstrType.CONSTR_PRIMARY: 1,
             ConstrType.CONSTR_UNIQUE: 2, ConstrType.CONSTR_EXCLUSION: 2,
             ConstrType.CONSTR_FOREIGN: 3}  # fmt: skip
    for node, column, deferrable, deferred in sorted(
        pending.constraints, key=lambda item: order[item[0].contype]
    ):
        attributes = (" DEFERRABLE" if deferrable else "") + (
            " INITIALLY DEFERRED" if deferred else ""
        )
        _add_constraint(context, relation, node, column, attributes, altering)


def add_sequence(
    context: Context,
    schema: str,
    name: str | None,
    owned_by: tuple[Relation, str] | None = None,
) -> Sequence | None:
    """A sequence (a serial or identity column's when `owned_by`, named after it)."""
    model = context.model
    if name is None:
        assert owned_by is not None
        table, column = owned_by
        name = choose_name(
            table.name, column, "seq", lambda taken: model.relation_name_taken(schema, taken)
        )
    if model.relation_name_taken(schema, name):
        return None
    acl, known = model.initial_acl("sequence", schema)
    sequence = Sequence(schema, name, acl=acl, acl_known=known, owned_by=owned_by)
    model.classes[(schema, name)] = sequence
    return sequence


def _taken_by_anything(context: Context, schema: str) -> Any:
    model = context.model
    return lambda name: (
        model.relation_name_taken(schema, name) or model.constraint_name_taken(schema, name)
    )


def _add_constraint(
    context: Context,
    relation: Relation,
    node: ast.Constraint,
    column: str | None,
    attributes: str,
    altering: bool,
) -> None:
    schema, table = relation.schema, relation.name
    model = context.model
    kind = node.contype
    if kind == ConstrType.CONSTR_CHECK:
        uses = sorted(column_refs(node.raw_expr))
        name = node.conname or choose_name(
            table,
            uses[0] if len(uses) == 1 else None,
            "check",
            lambda taken: model.constraint_name_taken(schema, taken),
        )
        relation.constraints.append(Constraint(name, "check", uses, exact=False))
        return
    if kind == ConstrType.CONSTR_FOREIGN:
        _add_foreign_key(context, relation, node, column, attributes, altering)
        return
    if node.indexname:
        _add_constraint_using_index(context, relation, node, attributes)
        return
    if kind == ConstrType.CONSTR_EXCLUSION:
        columns = [
            element.name or "expr"
            for pair in node.exclusions or ()
            for element in pair[:1]
            if isinstance(element, ast.IndexElem)
        ]
    else:
        columns = strings(node.keys) if node.keys else [column or ""]
    include = strings(node.including)
    primary = kind == ConstrType.CONSTR_PRIMARY
    label = "pkey" if primary else "key" if kind == ConstrType.CONSTR_UNIQUE else "excl"
    addition = (
        None if primary else column_names_addition(distinct_column_names([*columns, *include]))
    )
    name = node.conname or choose_name(table, addition, label, _taken_by_anything(context, schema))
    exact = kind != ConstrType.CONSTR_EXCLUSION and not (node.options or node.indexspace)
    index = Index(
        name,
        relation,
        unique=kind != ConstrType.CONSTR_EXCLUSION,
        method=node.access_method or "btree",
        elements=[IndexElement(key, frozenset({key})) for key in columns],
        include=include,
        nulls_not_distinct=bool(node.nulls_not_distinct),
        exact=exact and relation.kind != "partitioned_table",
    )
    model.classes[(schema, name)] = index
    relation.constraints.append(
        Constraint(
            name,
            {"pkey": "primary key", "key": "unique"}.get(label, "exclusion"),
            columns,
            exact=exact,
            include=include,
            nulls_not_distinct=bool(node.nulls_not_distinct),
            attributes=attributes,
            index=index,
        )
    )


def _add_constraint_using_index(
    context: Context, relation: Relation, node: ast.Constraint, attributes: str
) -> None:
    found = context.model.classes.get((relation.schema, node.indexname or ""))
    if not isinstance(found, Index):
        return
    if node.conname and node.conname != found.name:
        rename_class(context, found, relation.schema, node.conname)
    columns = [element.column or "" for element in found.elements]
    primary = node.contype == ConstrType.CONSTR_PRIMARY
    relation.constraints.append(
        Constraint(
            found.name,
            "primary key" if primary else "unique",
            columns,
            exact=found.exact and all(element.column for element in found.elements),
            include=list(found.include),
            nulls_not_distinct=found.nulls_not_distinct,
            attributes=attributes,
            index=found,
        )
    )


def _primary_key(relation: Relation) -> list[str]:
    key = next((item for item in relation.constraints if item.kind == "primary key"), None)
    return list(key.columns) if key is not None else []


def _add_foreign_key(
    context: Context,
    relation: Relation,
    node: ast.Constraint,
    column: str | None,
    attributes: str,
    altering: bool,
) -> None:
    columns = strings(node.fk_attrs) if node.fk_attrs else [column or ""]
    assert node.pktable is not None
    target = context.relation(node.pktable)
    target_columns = strings(node.pk_attrs) if node.pk_attrs else _primary_key(target)
    schema = relation.schema
    name = node.conname or choose_name(
        relation.name,
        column_names_addition(columns),
        "fkey",
        lambda taken: context.model.constraint_name_taken(schema, taken),
    )
    actions = _MATCHES.get(node.fk_matchtype or "", "")
    if node.fk_upd_action in _ACTIONS:
        actions += f" ON UPDATE {_ACTIONS[node.fk_upd_action]}"
    if node.fk_del_action in _ACTIONS:
        actions += f" ON DELETE {_ACTIONS[node.fk_del_action]}"
    # NOT VALID only holds where rows may already exist: added to an existing table.
    if altering and node.skip_validation:
        attributes += " NOT VALID"
    relation.constraints.append(
        Constraint(
            name,
            "foreign key",
            columns,
            exact=bool(target_columns) and not node.fk_del_set_cols,
            target=target,
            target_columns=target_columns,
            actions=actions,
            attributes=attributes,
        )
    )


def _figure_name(node: Any) -> str | None:
    """FigureColname(): the name PostgreSQL gives an index expression's column."""
    if isinstance(node, ast.ColumnRef):
        names = strings(node.fields)
        return names[-1] if names else None
    if isinstance(node, ast.FuncCall):
        names = strings(node.funcname)
        return names[-1] if names else None
    if isinstance(node, ast.TypeCast):
        inner = _figure_name(node.arg)
        if inner is None and node.typeName is not None:
            return strings(node.typeName.names)[-1]
        return inner
    if isinstance(node, ast.CoalesceExpr):
        return "coalesce"
    if isinstance(node, ast.CaseExpr):
        return "case"
    if isinstance(node, ast.A_ArrayExpr):
        return "array"
    return None


def create_index(context: Context, node: ast.IndexStmt) -> None:
    """CREATE [UNIQUE] INDEX [name] ON table (...)."""
    assert node.relation is not None
    relation = context.relation(node.relation)
    schema = relation.schema
    exact = not (node.options or node.tableSpace or node.whereClause) and bool(node.relation.inh)
    exact = exact and relation.kind != "partitioned_table"
    elements: list[IndexElement] = []
    names: list[str] = []
    for element in node.indexParams or ():
        assert isinstance(element, ast.IndexElem)
        column = element.name
        expression = element.expr
        if column is None and isinstance(expression, ast.ColumnRef):
            column = _figure_name(expression)
        exact = exact and not (element.opclass or element.collation or element.opclassopts)
        suffix = ""
        if element.ordering == SortByDir.SORTBY_DESC:
            suffix = " DESC"
            if element.nulls_ordering == SortByNulls.SORTBY_NULLS_LAST:
                suffix += " NULLS LAST"
        elif element.ordering == SortByDir.SORTBY_USING:
            exact = False
        elif element.nulls_ordering == SortByNulls.SORTBY_NULLS_FIRST:
            suffix = " NULLS FIRST"
        uses = frozenset({column}) if column else column_refs(expression)
        elements.append(IndexElement(column, uses, suffix))
        names.append(column or _figure_name(expression) or "expr")
    include = [
        element.name or "expr"
        for element in node.indexIncludingParams or ()
        if isinstance(element, ast.IndexElem)
    ]
    name = node.idxname or choose_name(
        relation.name,
        column_names_addition(distinct_column_names([*names, *include])),
        "idx",
        lambda taken: context.model.relation_name_taken(schema, taken),
    )
    if context.model.relation_name_taken(schema, name):
        return
    context.model.classes[(schema, name)] = Index(
        name,
        relation,
        unique=bool(node.unique),
        method=node.accessMethod or "btree",
        elements=elements,
        include=include,
        nulls_not_distinct=bool(node.nulls_not_distinct),
        exact=exact,
    )


# -- drops and renames ---------------------------------------------------------------------


def _belongs_to(item: Relation | Sequence | Index, relation: Relation | Sequence | Index) -> bool:
    """Whether `item` is an index on `relation` or a sequence of one of its columns."""
    if isinstance(item, Index):
        return item.table is relation
    if isinstance(item, Sequence):
        return item.owned_by is not None and item.owned_by[0] is relation
    return False


def drop_class(context: Context, item: Relation | Sequence | Index) -> None:
    """Drop a relation, sequence or index, and what depends on it."""
    model = context.model
    model.classes.pop((item.schema, item.name), None)
    if isinstance(item, Index):
        for relation in [*model.relations(), *model.externals.values()]:
            relation.constraints = [key for key in relation.constraints if key.index is not item]
        return
    if isinstance(item, Sequence):
        return
    for other in list(model.classes.values()):
        if _belongs_to(other, item):
            model.classes.pop((other.schema, other.name), None)
    for relation in [*model.relations(), *model.externals.values()]:
        relation.constraints = [key for key in relation.constraints if key.target is not item]
        if item in relation.reads and (relation.schema, relation.name) in model.classes:
            drop_class(context, relation)


def drop_column(context: Context, relation: Relation, name: str) -> None:
    """Drop a column and the constraints, indexes and sequences on it."""
    model = context.model
    relation.columns = [column for column in relation.columns if column.name != name]
    for key in [key for key in relation.constraints if name in (*key.columns, *key.include)]:
        relation.constraints.remove(key)
        if key.index is not None:
            model.classes.pop((key.index.schema, key.index.name), None)
    for item in list(model.classes.values()):
        if (isinstance(item, Index) and item.table is relation and name in item.uses()) or (
            isinstance(item, Sequence) and item.owned_by == (relation, name)
        ):
            drop_class(context, item)
    for other in [*model.relations(), *model.externals.values()]:
        other.constraints = [
            key
            for key in other.constraints
            if not (key.target is relation and name in key.target_columns)
        ]


def rename_column(context: Context, relation: Relation, old: str, new: str) -> None:
    """Rename a column where constraints and indexes name it."""
    column = relation.column(old)
    if column is not None:
        column.name = new

    def renamed(names: list[str]) -> list[str]:
        return [new if name == old else name for name in names]

    for key in relation.constraints:
        key.columns, key.include = renamed(key.columns), renamed(key.include)
    for other in [*context.model.relations(), *context.model.externals.values()]:
        for key in other.constraints:
            if key.target is relation:
                key.target_columns = renamed(key.target_columns)
    for index in context.model.indexes():
        if index.table is relation:
            index.include = renamed(index.include)
            for element in index.elements:
                if element.column == old:
                    element.column = new
                element.uses = frozenset(renamed(list(element.uses)))


def rename_class(
    context: Context, item: Relation | Sequence | Index, schema: str, name: str
) -> None:
    """Give a relation, sequence or index a new name or schema; an index that enforces a
    constraint renames it too, and a relation takes its indexes and sequences along."""
    model = context.model
    old_type = qualified(item.schema, item.name)
    if isinstance(item, Relation) and item.external:
        model.externals.pop((item.schema, item.name), None)
    else:
        model.classes.pop((item.schema, item.name), None)
    moved = isinstance(item, Relation) and schema != item.schema
    if isinstance(item, Index):
        for relation in [*model.relations(), *model.externals.values()]:
            for key in relation.constraints:
                if key.index is item:
                    key.name = name
        item.name = name
        model.classes[(schema, name)] = item
        return
    item.schema, item.name = schema, name
    if isinstance(item, Relation) and item.external:
        model.externals[(schema, name)] = item
    else:
        model.classes[(schema, name)] = item
    if isinstance(item, Relation):
        retype(context, old_type, qualified(schema, name))
    if moved:
        for other in list(model.classes.values()):
            if _belongs_to(other, item):
                model.classes.pop((other.schema, other.name), None)
                if isinstance(other, Sequence):
                    other.schema = schema
                model.classes[(schema, other.name)] = other


def retype(context: Context, old: str, new: str) -> None:
    """A type was renamed or moved: columns and arguments of it print its new name."""
    for relation in context.model.relations():
        for column in relation.columns:
            if column.data_type in (old, f"{old}[]"):
                column.data_type = new + column.data_type[len(old) :]
    for function in context.model.functions:
        function.arguments = [
            (mode, name, new + kind[len(old) :] if kind in (old, f"{old}[]") else kind)
            for mode, name, kind in function.arguments
        ]
