"""What the migrations claim, derived by parsing their SQL when there is no shadow server to
replay them into.

Each statement is applied in order to a model of the database (PostgreSQL with pglast, its own
parser; MySQL and MariaDB with sqlglot, best effort), which becomes a reference catalog that
holds only what parsing can say exactly: a type, constraint definition or policy expression
that cannot be printed as the server prints it is left empty, and so not compared
(`compare(..., partial=True)`). Statements that change objects but could not be interpreted
are named in `Derived.not_derived`, so a comparison never passes on what was not looked at.

What the database has and the migrations do not is a difference only where the migrations
say everything: the columns, constraints, indexes and policies of the tables they create,
the grants on the relations and functions whose privileges they set in full, and the
relations and functions of the schemas they fill. A statement that was not derived and may
have changed anything (a `DO` block, a statement that does not parse) leaves only what the
migrations claim compared; an extension's own objects leave its tables and functions alone.

Names without a schema are taken to be created in `public` (PostgreSQL; the search path the
migrations set with `SET search_path` is followed) or in the scanned database (MySQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from adapters.base import AdapterError
from adapters.db.catalog import Catalog
from adapters.db.migrations.base import Migration
from checker.models import Unresolved

if TYPE_CHECKING:
    from adapters.db.sql_claims.model import Model
    from adapters.db.sql_claims.pg_context import Context

_INSTALL = "pip install 'assaymark[migrations]'"


class ParserMissing(AdapterError):
    """The SQL parser for the engine is not installed."""


_TABLE_KINDS = frozenset({"table", "partitioned_table"})


@dataclass(frozen=True)
class Derived:
    """The reference catalog the migrations' SQL amounts to, the statements it leaves out
    (`path:line: KIND`), and where it says everything there is."""

    catalog: Catalog
    not_derived: tuple[str, ...] = ()
    #: Tables (`schema.name`) whose columns, constraints, indexes and policies the migrations
    #: say in full.
    tables: frozenset[str] = field(default_factory=frozenset)
    #: Relations and functions (by address) whose grants the migrations say in full.
    grants: frozenset[str] = field(default_factory=frozenset)
    #: Schemas whose every relation comes from the migrations.
    relation_schemas: frozenset[str] = field(default_factory=frozenset)
    #: Schemas whose every function comes from the migrations.
    function_schemas: frozenset[str] = field(default_factory=frozenset)

    def claims(self, kind: str, key: str) -> bool:
        """Whether an object of `kind` (a key of `compare`) that the database has and the
        migrations do not is a difference: whether the migrations say all there is of it."""
        if kind == "table":
            return key.split(".", 1)[0] in self.relation_schemas
        if kind == "function":
            return key.split(".", 1)[0] in self.function_schemas
        if kind == "column":
            return key.rsplit(".", 1)[0] in self.tables
        if kind in ("constraint", "index", "policy"):
            return key.split(":", 1)[0] in self.tables
        if kind == "grant":
            target = key.split(" on ", 1)[-1]
            return target in self.grants or target.rsplit(".", 1)[0] in self.grants
        return False


def derive(
    migrations: Sequence[Migration], engine: str, *, default_schema: str | None = None
) -> Derived:
    """Parse `migrations` (in the order they were applied) into what they create on `engine`
    (`postgresql`, `mysql` or `mariadb`). `default_schema` is where MySQL's unqualified names
    go (the scanned database); PostgreSQL's follow the search path."""
    if engine == "postgresql":
        try:
            from adapters.db.sql_claims.postgres import derive_postgres
        except ImportError as exc:
            raise ParserMissing(
                f"deriving PostgreSQL migrations without a shadow server needs pglast: {_INSTALL}"
                f" (or give --shadow-dsn) ({exc})"
            ) from exc
        context = derive_postgres(migrations)
        return _postgres_derived(context.model, engine, context)
    if engine in ("mysql", "mariadb"):
        try:
            from adapters.db.sql_claims.mysql import derive_mysql
        except ImportError as exc:
            raise ParserMissing(
                f"deriving MySQL migrations without a shadow server needs sqlglot: {_INSTALL}"
                f" (or give --shadow-dsn) ({exc})"
            ) from exc
        catalog, not_derived = derive_mysql(migrations, engine, default_schema or "")
        if not_derived:
            return Derived(catalog, tuple(not_derived))
        relations = () if isinstance(catalog.relations, Unresolved) else catalog.relations
        tables = frozenset(item.address for item in relations if item.kind in _TABLE_KINDS)
        return Derived(
            catalog,
            tables=tables,
            grants=frozenset(item.address for item in relations),
            relation_schemas=frozenset(item.schema for item in relations),
        )
    raise AdapterError(f"cannot derive migrations for engine {engine!r}")


def _postgres_derived(model: Model, engine: str, context: Context) -> Derived:
    catalog = model.catalog(engine)
    not_derived = tuple(context.not_derived)
    if context.opaque:
        return Derived(catalog, not_derived)
    created = list(model.relations())
    functions = [item for item in model.functions if item.address is not None]
    relation_schemas = frozenset(item.schema for item in created)
    function_schemas = frozenset(item.schema for item in functions)
    # A function whose argument types are not known has no address to be told apart by.
    unaddressed = {item.schema for item in model.functions if item.address is None}
    return Derived(
        catalog,
        not_derived,
        tables=frozenset(item.address for item in created if item.kind in _TABLE_KINDS),
        grants=frozenset(
            [item.address for item in created if item.acl_known]
            + [item.address or "" for item in functions if item.acl_known]
        ),
        relation_schemas=frozenset() if context.extensions else relation_schemas,
        function_schemas=(frozenset() if context.extensions else function_schemas - unaddressed),
    )
