"""What every PostgreSQL statement handler shares: the model, the search path that names
resolve through, the statement being applied, and reading pglast's nodes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pglast import ast
from pglast.enums.parsenodes import RoleSpecType

from adapters.db.catalog import PUBLIC
from adapters.db.sql_claims.model import Class, Model, Relation
from adapters.db.sql_claims.names import SERIALS, builtin_internal, builtin_type, qualified

#: Where unqualified names go when the migrations do not set a search path (`SET search_path`):
#: PostgreSQL's default, `"$user", public`, for a migration user without a schema of its own.
DEFAULT_SEARCH_PATH = ("$user", "public")


@dataclass
class Context:
    """The state statements are applied to, and where the current one is."""

    model: Model = field(default_factory=Model)
    search_path: tuple[str, ...] = DEFAULT_SEARCH_PATH
    #: `path:line` of the statement being applied.
    where: str = ""
    not_derived: list[str] = field(default_factory=list)
    #: Whether a statement not derived may have changed the objects the migrations create
    #: (a `DO` block may do anything; an extension brings objects of its own only).
    opaque: bool = False
    #: Whether an extension was created: its functions and tables are not the migrations'.
    extensions: bool = False

    def skip(self, kind: str, *, opaque: bool = True) -> None:
        """Say the current statement could not be derived (`opaque` unless it is known to
        leave the objects the migrations create alone)."""
        self.not_derived.append(f"{self.where}: {kind}")
        self.opaque = self.opaque or opaque

    # -- names -------------------------------------------------------------------------

    def schemas_searched(self) -> list[str]:
        """The search path's schemas that exist, in order."""
        return [name for name in self.search_path if name in self.model.schemas]

    def creation_schema(self, schema: str | None) -> str:
        """Where an object named with `schema` (None: unqualified) is created."""
        if schema:
            return schema
        searched = self.schemas_searched()
        return searched[0] if searched else "public"

    def find_class(self, schema: str | None, name: str) -> Class | None:
        """The table, view, index or sequence a (possibly unqualified) name resolves to."""
        if schema:
            return self.model.classes.get((schema, name))
        for searched in self.schemas_searched():
            found = self.model.classes.get((searched, name))
            if found is not None:
                return found
        return None

    def find_relation(self, schema: str | None, name: str) -> Relation | None:
        """The table or view a name resolves to, if the migrations created it."""
        found = self.find_class(schema, name)
        return found if isinstance(found, Relation) else None

    def relation(self, node: ast.RangeVar) -> Relation:
        """The relation a statement names: the one created, or an external one it claims."""
        schema, name = node.schemaname, node.relname or ""
        found = self.find_relation(schema, name)
        if found is not None:
            return found
        key = (self.creation_schema(schema), name)
        for searched in [schema] if schema else self.schemas_searched():
            if (searched, name) in self.model.externals:
                return self.model.externals[(searched, name)]
        return self.model.externals.setdefault(
            key, Relation(key[0], name, "", external=True, acl_known=True)
        )

    def qualified_name(self, names: Sequence[str]) -> tuple[str | None, str]:
        """(schema or None, name) of a dotted name (`[database.]schema.name` or `name`)."""
        return (names[-2] if len(names) > 1 else None), names[-1]

    # -- types -------------------------------------------------------------------------

    def user_type(self, schema: str | None, name: str) -> str:
        """How format_type() prints a type the migrations created, or ""."""
        candidates = [schema] if schema else self.schemas_searched()
        for searched in candidates:
            key = (searched, name)
            found = self.model.classes.get(key)
            if key in self.model.types or isinstance(found, Relation):
                return qualified(searched, name)
        return ""

    def type_text(self, node: ast.TypeName | None) -> str:
        """A type as format_type() prints it, or "" when it cannot be said exactly."""
        if node is None or node.setof:
            return ""
        names = strings(node.names)
        if node.pct_type:
            return self.column_type(names)
        mods = [integer(mod) for mod in node.typmods or ()]
        text = ""
        if len(names) == 2 and names[0] == "pg_catalog":
            text = builtin_type(names[1], mods)
        elif len(names) == 1:
            internal = builtin_internal(names[0])
            if internal is not None:
                text = builtin_type(internal, mods)
            elif not mods:
                text = self.user_type(None, names[0])
        elif len(names) == 2 and not mods:
            text = self.user_type(names[0], names[1])
        if text and node.arrayBounds:
            text += "[]"
        return text

    def column_type(self, names: Sequence[str]) -> str:
        """The type of `[schema.]table.column` (for `%TYPE`)."""
        if len(names) < 2:
            return ""
        relation = self.find_relation(names[-3] if len(names) > 2 else None, names[-2])
        column = relation.column(names[-1]) if relation is not None else None
        return column.data_type if column is not None else ""

    def serial_type(self, node: ast.TypeName | None) -> str | None:
        """The integer type of a serial column (`serial` -> integer), or None."""
        if node is None or node.arrayBounds or node.typmods:
            return None
        names = strings(node.names)
        if len(names) == 1 and names[0] in SERIALS:
            return builtin_type(SERIALS[names[0]], [])
        return None


def strings(nodes: Sequence[Any] | None) -> list[str]:
    """The values of a list of String nodes (a dotted name)."""
    return [str(node.sval or "") for node in nodes or () if isinstance(node, ast.String)]


def integer(node: Any) -> int | None:
    """An integer constant's value, or None."""
    if isinstance(node, ast.A_Const) and isinstance(node.val, ast.Integer):
        return int(node.val.ival or 0)
    return None


def role_name(node: Any) -> str | None:
    """A role as grants name it (`PUBLIC`), or None for CURRENT_USER and the like."""
    if not isinstance(node, ast.RoleSpec):
        return None
    if node.roletype == RoleSpecType.ROLESPEC_PUBLIC:
        return PUBLIC
    if node.roletype == RoleSpecType.ROLESPEC_CSTRING:
        return node.rolename
    return None


def option_text(node: ast.DefElem) -> str:
    """A DefElem's value as text (`WITH (security_invoker)` alone means true)."""
    arg = node.arg
    if arg is None:
        return "true"
    if isinstance(arg, ast.String):
        return str(arg.sval)
    if isinstance(arg, ast.Integer):
        return str(arg.ival)
    if isinstance(arg, ast.Boolean):
        return "true" if arg.boolval else "false"
    if isinstance(arg, ast.TypeName):
        return strings(arg.names)[-1]
    return ""


#: PostgreSQL's spellings of true (parse_bool).
TRUE = frozenset({"t", "tr", "tru", "true", "y", "ye", "yes", "on", "1"})


def walk(node: Any) -> Iterator[ast.Node]:
    """Every node under `node`, itself included."""
    if isinstance(node, tuple | list):
        for item in node:
            yield from walk(item)
    elif isinstance(node, ast.Node):
        yield node
        for attribute in node:
            yield from walk(getattr(node, attribute))


def column_refs(node: Any) -> frozenset[str]:
    """The column names an expression refers to."""
    return frozenset(
        names[-1]
        for found in walk(node)
        if isinstance(found, ast.ColumnRef)
        for names in [strings(found.fields)]
        if names
    )
