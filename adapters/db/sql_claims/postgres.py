"""PostgreSQL migrations read with pglast (PostgreSQL's own parser): each statement applied,
in order, to a model of what the database then holds.

Statements on cluster-wide objects (roles and memberships, databases, tablespaces, server
settings), comments, session settings other than the search path, transaction control,
maintenance and data statements change nothing the comparison holds, and are passed over.
Any other statement that is not understood is named in `not_derived`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pglast import ast, parse_sql
from pglast.enums.parsenodes import AlterTableType, ObjectType, VariableSetKind
from pglast.parser import ParseError, scan

from adapters.db.migrations.base import Migration
from adapters.db.sql_claims import pg_access, pg_relations
from adapters.db.sql_claims.model import Column, Index, Relation, Schema
from adapters.db.sql_claims.model import Sequence as Seq
from adapters.db.sql_claims.names import qualified
from adapters.db.sql_claims.pg_context import (
    DEFAULT_SEARCH_PATH,
    TRUE,
    Context,
    option_text,
    role_name,
    strings,
    walk,
)
from adapters.db.sql_claims.pg_relations import Pending

_PASSED_OVER = frozenset(
    {"TransactionStmt", "CommentStmt", "SecLabelStmt", "CreateRoleStmt", "AlterRoleStmt",
     "AlterRoleSetStmt", "DropRoleStmt", "GrantRoleStmt", "ReassignOwnedStmt", "CreatedbStmt",
     "AlterDatabaseStmt", "AlterDatabaseSetStmt", "AlterDatabaseRefreshCollStmt", "DropdbStmt",
     "CreateTableSpaceStmt", "DropTableSpaceStmt", "AlterTableSpaceOptionsStmt",
     "AlterTableMoveAllStmt", "AlterSystemStmt", "InsertStmt", "UpdateStmt", "DeleteStmt",
     "MergeStmt", "CopyStmt", "TruncateStmt", "CallStmt", "ExplainStmt", "PrepareStmt",
     "ExecuteStmt", "DeallocateStmt", "LockStmt", "VacuumStmt", "ClusterStmt", "ReindexStmt",
     "CheckPointStmt", "DiscardStmt", "NotifyStmt", "ListenStmt", "UnlistenStmt", "LoadStmt",
     "RefreshMatViewStmt", "DeclareCursorStmt", "FetchStmt", "ClosePortalStmt",
     "VariableShowStmt", "ConstraintsSetStmt", "AlterEnumStmt", "AlterDomainStmt",
     "AlterSeqStmt", "AlterTypeStmt", "ReplicaIdentityStmt", "CreateTrigStmt",
     "CreateEventTrigStmt", "AlterEventTrigStmt"}
)  # fmt: skip
# Statements not derived that bring objects of their own and leave the migrations' alone.
_SELF_CONTAINED = frozenset(
    {"CreateExtensionStmt", "AlterExtensionStmt", "AlterExtensionContentsStmt",
     "CreateCastStmt", "CreateOpClassStmt", "CreateOpFamilyStmt", "CreateConversionStmt",
     "CreatePLangStmt", "CreateFdwStmt", "CreateForeignServerStmt", "CreateUserMappingStmt",
     "CreatePublicationStmt", "AlterPublicationStmt", "CreateSubscriptionStmt",
     "CreateStatsStmt", "CreateTransformStmt", "CreateAmStmt", "RuleStmt"}
)  # fmt: skip
# ALTER TABLE subcommands that change nothing the comparison holds.
_QUIET_COMMANDS = frozenset(
    {"AT_ColumnDefault", "AT_CookedColumnDefault", "AT_DropNotNull", "AT_SetNotNull",
     "AT_SetExpression", "AT_DropExpression", "AT_SetStatistics", "AT_SetOptions",
     "AT_ResetOptions", "AT_SetStorage", "AT_SetCompression", "AT_ValidateConstraint",
     "AT_ClusterOn", "AT_DropCluster", "AT_SetLogged", "AT_SetUnLogged", "AT_DropOids",
     "AT_SetAccessMethod", "AT_SetTableSpace", "AT_EnableTrig", "AT_EnableAlwaysTrig",
     "AT_EnableReplicaTrig", "AT_DisableTrig", "AT_EnableTrigAll", "AT_DisableTrigAll",
     "AT_EnableTrigUser", "AT_DisableTrigUser", "AT_EnableRule", "AT_EnableAlwaysRule",
     "AT_EnableReplicaRule", "AT_DisableRule", "AT_AddInherit", "AT_DropInherit", "AT_AddOf",
     "AT_DropOf", "AT_ReplicaIdentity", "AT_GenericOptions", "AT_AlterColumnGenericOptions",
     "AT_AttachPartition", "AT_DetachPartition", "AT_DetachPartitionFinalize",
     "AT_SetIdentity"}
)  # fmt: skip
_RELATION_TYPES = frozenset(
    {ObjectType.OBJECT_TABLE, ObjectType.OBJECT_VIEW, ObjectType.OBJECT_MATVIEW,
     ObjectType.OBJECT_FOREIGN_TABLE, ObjectType.OBJECT_INDEX, ObjectType.OBJECT_SEQUENCE}
)  # fmt: skip
_ROUTINE_TYPES = frozenset(
    {ObjectType.OBJECT_FUNCTION, ObjectType.OBJECT_PROCEDURE, ObjectType.OBJECT_ROUTINE}
)
_TYPE_TYPES = frozenset({ObjectType.OBJECT_TYPE, ObjectType.OBJECT_DOMAIN})
_CLUSTER_TYPES = frozenset(
    {ObjectType.OBJECT_ROLE, ObjectType.OBJECT_DATABASE, ObjectType.OBJECT_TABLESPACE}
)
# Objects the comparison does not hold, so dropping them changes nothing it looks at.
_UNCOMPARED_TYPES = frozenset({ObjectType.OBJECT_TRIGGER, ObjectType.OBJECT_EVENT_TRIGGER})
_META_COMMAND = re.compile(r"^[ \t]*\\[^\n]*", re.MULTILINE)
# Words left out of a statement's kind as reported (`CREATE OR REPLACE TRIGGER` is a trigger).
_NOT_KIND = frozenset({"OR", "REPLACE", "IF", "NOT", "EXISTS", "UNIQUE", "CONCURRENTLY",
                       "TEMP", "TEMPORARY", "UNLOGGED", "CONSTRAINT", "TRUSTED"})  # fmt: skip
_TWO_WORD_KINDS = frozenset({"EVENT", "FOREIGN", "MATERIALIZED", "TEXT", "DEFAULT", "ACCESS",
                             "USER", "OPERATOR"})  # fmt: skip


def derive_postgres(migrations: Sequence[Migration]) -> Context:
    """Apply the migrations' statements in order: the model they leave, the statements that
    could not be derived (`path:line: KIND`), and whether those may touch the model's
    objects."""
    context = Context()
    context.model.schemas["public"] = Schema("public", existed=True)
    statements = _Statements(context)
    for migration in migrations:
        # Each migration runs in a session of its own: the search path starts afresh.
        context.search_path = DEFAULT_SEARCH_PATH
        sql = migration.sql_on("postgresql")
        if sql is None:
            context.where = f"{migration.path}:{migration.first_line}"
            context.skip("a migration that is not SQL")
            continue
        for line, text, node, error in _split(sql):
            context.where = f"{migration.path}:{migration.first_line + line}"
            if node is None:
                context.skip(f"{statement_kind(text)} (not parsed: {error})")
            else:
                statements.apply(node, text)
    return context


def _start(sql: str, offset: int) -> int:
    """Where the statement from `offset` starts: past blanks and comments."""
    position = offset
    while position < len(sql):
        if sql[position].isspace():
            position += 1
        elif sql.startswith("--", position):
            end = sql.find("\n", position)
            position = len(sql) if end < 0 else end + 1
        elif sql.startswith("/*", position):
            depth, position = 1, position + 2
            while position < len(sql) and depth:
                if sql.startswith("/*", position):
                    depth, position = depth + 1, position + 2
                elif sql.startswith("*/", position):
                    depth, position = depth - 1, position + 2
                else:
                    position += 1
        else:
            break
    return position


def _split(sql: str) -> Iterator[tuple[int, str, Any, str | None]]:
    """(line offset, text, node or None, parse error) of each statement; a file that does not
    parse whole is cut at its semicolons, so only the statements that do not parse are lost."""
    try:
        for raw in parse_sql(sql):
            start = _start(sql, raw.stmt_location or 0)
            end = (raw.stmt_location or 0) + raw.stmt_len if raw.stmt_len else len(sql)
            yield sql.count("\n", 0, start), sql[start:end], raw.stmt, None
        return
    except ParseError:
        pass
    found: list[tuple[int, str, Any, str | None]] = [
        # psql's meta-commands (`\set`, `\connect`) end at their line's end, not at a semicolon.
        (sql.count("\n", 0, meta.start()), meta.group().strip(), None, "a psql meta-command")
        for meta in _META_COMMAND.finditer(sql)
    ]
    sql = _META_COMMAND.sub(lambda meta: " " * len(meta.group()), sql)
    found.extend(_pieces(sql))
    yield from sorted(found, key=lambda item: item[0])


def _pieces(sql: str) -> Iterator[tuple[int, str, Any, str | None]]:
    pieces, begin = [], 0
    for semicolon in _semicolons(sql):
        pieces.append((begin, semicolon))
        begin = semicolon + 1
    pieces.append((begin, len(sql)))
    for begin, end in pieces:
        start = _start(sql, begin)
        text = sql[start:end]
        if not text.strip():
            continue
        try:
            parsed = parse_sql(text)
        except ParseError as exc:
            yield sql.count("\n", 0, start), text, None, str(exc.args[0] if exc.args else exc)
            continue
        for raw in parsed:
            yield sql.count("\n", 0, start), text, raw.stmt, None


def _semicolons(sql: str) -> list[int]:
    """Where the statements end; past a quote that is never closed, nothing ends."""
    try:
        tokens = scan(sql)
    except ParseError as exc:
        where = exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else 0
        if where <= 0 or where >= len(sql):
            return []
        return [end for end in _semicolons(sql[:where]) if end < where]
    return [token.start for token in tokens if token.name == "ASCII_59"]


def statement_kind(text: str) -> str:
    """What a statement is, from its leading keywords: `CREATE TRIGGER`, `DO`."""
    words: list[str] = []
    try:
        tokens = scan(text)
    except ParseError:
        tokens = []
    for token in tokens:
        if token.kind == "NO_KEYWORD" or token.name.startswith("ASCII"):
            break
        word = text[token.start : token.end + 1].upper()
        if word not in _NOT_KIND:
            words.append(word)
    size = 3 if len(words) > 1 and words[1] in _TWO_WORD_KINDS else 2
    return " ".join(words[:size]) or (text.split() or ["?"])[0].upper()


class _Statements:
    """Applies one statement at a time to the context's model."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.model = context.model
        self.text = ""

    def apply(self, node: Any, text: str) -> None:
        """Apply one statement (`text` is its source, for naming it)."""
        self.text = text
        name = type(node).__name__
        handler: Callable[[Any], None] | None = getattr(self, f"_{name}", None)
        if handler is not None:
            handler(node)
        elif name not in _PASSED_OVER:
            self.context.extensions |= name == "CreateExtensionStmt"
            self.context.skip(statement_kind(text), opaque=name not in _SELF_CONTAINED)

    # -- access: GRANT, default privileges, policies, functions ------------------------

    def _GrantStmt(self, node: ast.GrantStmt) -> None:
        pg_access.grant_statement(self.context, node)

    def _AlterDefaultPrivilegesStmt(self, node: ast.AlterDefaultPrivilegesStmt) -> None:
        pg_access.default_privileges(self.context, node)

    def _CreatePolicyStmt(self, node: ast.CreatePolicyStmt) -> None:
        pg_access.create_policy(self.context, node)

    def _AlterPolicyStmt(self, node: ast.AlterPolicyStmt) -> None:
        pg_access.alter_policy(self.context, node)

    def _CreateFunctionStmt(self, node: ast.CreateFunctionStmt) -> None:
        pg_access.create_function(self.context, node)

    def _AlterFunctionStmt(self, node: ast.AlterFunctionStmt) -> None:
        pg_access.alter_function(self.context, node)

    def _AlterOwnerStmt(self, node: ast.AlterOwnerStmt) -> None:
        if node.objectType == ObjectType.OBJECT_SCHEMA:
            schema = self.model.schemas.get(strings([node.object])[0] if node.object else "")
            if schema is not None:
                schema.owner = pg_access.owner_name(node.newowner)
        elif node.objectType in _ROUTINE_TYPES:
            function = pg_access.find_function(self.context, node.object, None)
            if function is not None:
                function.owner = pg_access.owner_name(node.newowner)

    # -- schemas, types, sequences ------------------------------------------------------

    def _CreateSchemaStmt(self, node: ast.CreateSchemaStmt) -> None:
        name = node.schemaname or role_name(node.authrole) or ""
        if name not in self.model.schemas:
            acl, known = self.model.initial_acl("schema", None)
            owner = pg_access.owner_name(node.authrole) if node.authrole else ""
            self.model.schemas[name] = Schema(name, acl=acl, acl_known=known, owner=owner)
        saved = self.context.search_path
        # Elements of CREATE SCHEMA are created in it.
        self.context.search_path = (name,)
        try:
            for element in node.schemaElts or ():
                self.apply(element, self.text)
        finally:
            self.context.search_path = saved

    def _add_type(self, names: list[str]) -> None:
        schema, name = self.context.qualified_name(names)
        self.model.types.add((self.context.creation_schema(schema), name))

    def _CreateEnumStmt(self, node: ast.CreateEnumStmt) -> None:
        self._add_type(strings(node.typeName))

    def _CreateDomainStmt(self, node: ast.CreateDomainStmt) -> None:
        self._add_type(strings(node.domainname))

    def _CreateRangeStmt(self, node: ast.CreateRangeStmt) -> None:
        self._add_type(strings(node.typeName))

    def _CompositeTypeStmt(self, node: ast.CompositeTypeStmt) -> None:
        assert node.typevar is not None
        schema = self.context.creation_schema(node.typevar.schemaname)
        self.model.types.add((schema, node.typevar.relname or ""))

    def _DefineStmt(self, node: ast.DefineStmt) -> None:
        if node.kind == ObjectType.OBJECT_TYPE:
            self._add_type(strings(node.defnames))
        else:
            self.context.skip(statement_kind(self.text))

    def _CreateSeqStmt(self, node: ast.CreateSeqStmt) -> None:
        assert node.sequence is not None
        if node.sequence.relpersistence != "t":
            schema = self.context.creation_schema(node.sequence.schemaname)
            pg_relations.add_sequence(self.context, schema, node.sequence.relname or "")

    def _VariableSetStmt(self, node: ast.VariableSetStmt) -> None:
        if node.name != "search_path" and node.kind != VariableSetKind.VAR_RESET_ALL:
            return
        if node.kind == VariableSetKind.VAR_SET_VALUE:
            self.context.search_path = tuple(
                str(arg.val.sval or "")
                for arg in node.args or ()
                if isinstance(arg, ast.A_Const) and isinstance(arg.val, ast.String)
            )
        else:
            self.context.search_path = DEFAULT_SEARCH_PATH

    def _SelectStmt(self, node: ast.SelectStmt) -> None:
        if node.intoClause is not None and node.intoClause.rel is not None:
            pg_relations.create_relation(self.context, node.intoClause.rel, "table")
            return
        # pg_dump's way of setting the search path: SELECT pg_catalog.set_config(...).
        for target in node.targetList or ():
            call = getattr(target, "val", None)
            if not isinstance(call, ast.FuncCall) or strings(call.funcname)[-1:] != ["set_config"]:
                continue
            args = [
                str(arg.val.sval or "")
                for arg in call.args or ()
                if isinstance(arg, ast.A_Const) and isinstance(arg.val, ast.String)
            ]
            if len(args) == 2 and args[0] == "search_path":
                self.context.search_path = tuple(
                    part.strip().strip('"') for part in args[1].split(",") if part.strip()
                )

    # -- tables and views ---------------------------------------------------------------

    def _CreateStmt(self, node: ast.CreateStmt, kind: str | None = None) -> None:
        assert node.relation is not None
        kind = kind or ("partitioned_table" if node.partspec is not None else "table")
        relation = pg_relations.create_relation(self.context, node.relation, kind)
        if relation is None:
            return
        for parent in node.inhRelations or ():
            found = self.context.find_relation(parent.schemaname, parent.relname or "")
            for column in found.columns if found is not None else ():
                if relation.column(column.name) is None:
                    relation.columns.append(Column(column.name, column.data_type))
        pending = Pending()
        for element in node.tableElts or ():
            if isinstance(element, ast.ColumnDef):
                pg_relations.add_column(self.context, relation, element, pending)
            elif isinstance(element, ast.Constraint):
                pg_relations.add_table_constraint(pending, element)
            elif isinstance(element, ast.TableLikeClause) and element.relation is not None:
                source = self.context.find_relation(
                    element.relation.schemaname, element.relation.relname or ""
                )
                for column in source.columns if source is not None else ():
                    relation.columns.append(Column(column.name, column.data_type))
        pg_relations.apply_pending(self.context, relation, pending, altering=False)

    def _CreateForeignTableStmt(self, node: ast.CreateForeignTableStmt) -> None:
        assert node.base is not None
        self._CreateStmt(node.base, "foreign_table")

    def _CreateTableAsStmt(self, node: ast.CreateTableAsStmt) -> None:
        assert node.into is not None and node.into.rel is not None
        kind = "materialized_view" if node.objtype == ObjectType.OBJECT_MATVIEW else "table"
        relation = pg_relations.create_relation(self.context, node.into.rel, kind)
        if relation is not None:
            # The names given are certain; the types come from the query.
            relation.columns = [Column(name, "") for name in strings(node.into.colNames)]

    def _reads(self, query: Any) -> list[Relation]:
        found: list[Relation] = []
        for item in walk(query):
            if isinstance(item, ast.RangeVar):
                relation = self.context.find_relation(item.schemaname, item.relname or "")
                if relation is not None and relation not in found:
                    found.append(relation)
        return found

    def _ViewStmt(self, node: ast.ViewStmt) -> None:
        assert node.view is not None
        invoker = any(
            isinstance(option, ast.DefElem)
            and option.defname == "security_invoker"
            and option_text(option).lower() in TRUE
            for option in node.options or ()
        )
        existing = self.context.find_relation(node.view.schemaname, node.view.relname or "")
        if existing is not None and node.replace:
            # OR REPLACE replaces the options too: without WITH, security_invoker is off.
            existing.security_invoker, existing.reads = invoker, self._reads(node.query)
            return
        relation = pg_relations.create_relation(self.context, node.view, "view")
        if relation is not None:
            relation.security_invoker, relation.reads = invoker, self._reads(node.query)

    def _IndexStmt(self, node: ast.IndexStmt) -> None:
        pg_relations.create_index(self.context, node)

    def _AlterTableStmt(self, node: ast.AlterTableStmt) -> None:
        assert node.relation is not None
        found = self.context.find_class(node.relation.schemaname, node.relation.relname or "")
        if isinstance(found, Index | Seq):
            for command in node.cmds or ():
                if command.subtype == AlterTableType.AT_ChangeOwner and isinstance(found, Seq):
                    found.owner = pg_access.owner_name(command.newowner)
            return
        if found is None and node.missing_ok:
            return
        relation = found if found is not None else self.context.relation(node.relation)
        for command in node.cmds or ():
            self._alter_table(relation, command)

    def _alter_table(self, relation: Relation, command: ast.AlterTableCmd) -> None:
        subtype = command.subtype
        assert subtype is not None
        name = subtype.name
        if name in _QUIET_COMMANDS:
            return
        if subtype == AlterTableType.AT_AddColumn:
            assert isinstance(command.def_, ast.ColumnDef)
            if command.missing_ok and relation.column(command.def_.colname or ""):
                return
            pending = Pending()
            pg_relations.add_column(self.context, relation, command.def_, pending)
            pg_relations.apply_pending(self.context, relation, pending, altering=True)
        elif subtype == AlterTableType.AT_DropColumn:
            pg_relations.drop_column(self.context, relation, command.name or "")
        elif subtype == AlterTableType.AT_AlterColumnType:
            assert isinstance(command.def_, ast.ColumnDef)
            column = relation.column(command.name or "")
            if column is not None:
                column.data_type = self.context.type_text(command.def_.typeName)
        elif subtype == AlterTableType.AT_AddConstraint:
            assert isinstance(command.def_, ast.Constraint)
            pending = Pending()
            pg_relations.add_table_constraint(pending, command.def_)
            pg_relations.apply_pending(self.context, relation, pending, altering=True)
        elif subtype == AlterTableType.AT_DropConstraint:
            self._drop_constraint(relation, command.name or "")
        elif subtype == AlterTableType.AT_AlterConstraint:
            for key in relation.constraints:
                if key.name == getattr(command.def_, "conname", None):
                    key.exact = False
        elif name in ("AT_EnableRowSecurity", "AT_DisableRowSecurity"):
            relation.rls_enabled = subtype == AlterTableType.AT_EnableRowSecurity
        elif name in ("AT_ForceRowSecurity", "AT_NoForceRowSecurity"):
            relation.rls_forced = subtype == AlterTableType.AT_ForceRowSecurity
        elif name in ("AT_SetRelOptions", "AT_ResetRelOptions", "AT_ReplaceRelOptions"):
            self._relation_options(relation, command)
        elif subtype == AlterTableType.AT_ChangeOwner:
            relation.owner = pg_access.owner_name(command.newowner)
        elif subtype == AlterTableType.AT_AddIdentity:
            pending = Pending(sequences=[command.name or ""])
            pg_relations.apply_pending(self.context, relation, pending, altering=True)
        elif subtype == AlterTableType.AT_DropIdentity:
            for item in list(self.model.classes.values()):
                if isinstance(item, Seq) and item.owned_by == (relation, command.name):
                    pg_relations.drop_class(self.context, item)
        else:
            self.context.skip(f"ALTER TABLE {name[3:]}")

    def _relation_options(self, relation: Relation, command: ast.AlterTableCmd) -> None:
        if command.subtype == AlterTableType.AT_ReplaceRelOptions:
            relation.security_invoker = False
        for option in command.def_ or ():
            if isinstance(option, ast.DefElem) and option.defname == "security_invoker":
                relation.security_invoker = (
                    command.subtype != AlterTableType.AT_ResetRelOptions
                    and option_text(option).lower() in TRUE
                )

    def _drop_constraint(self, relation: Relation, name: str) -> None:
        for key in [key for key in relation.constraints if key.name == name]:
            relation.constraints.remove(key)
            if key.index is not None:
                self.model.classes.pop((key.index.schema, key.index.name), None)
                # Foreign keys on the key it enforced go with it (CASCADE; else it fails).
                for other in [*self.model.relations(), *self.model.externals.values()]:
                    other.constraints = [
                        fk
                        for fk in other.constraints
                        if not (fk.target is relation and fk.target_columns == key.columns)
                    ]

    # -- drops, renames, moves ----------------------------------------------------------

    def _DropStmt(self, node: ast.DropStmt) -> None:
        kind = node.removeType
        for target in node.objects or ():
            if kind in _RELATION_TYPES:
                schema, name = self.context.qualified_name(strings(target))
                found = self.context.find_class(schema, name)
                if found is not None:
                    pg_relations.drop_class(self.context, found)
            elif kind == ObjectType.OBJECT_SCHEMA:
                self._drop_schema(strings([target])[0])
            elif kind in _ROUTINE_TYPES:
                found_function = pg_access.find_function(
                    self.context, target, pg_access.routine_kind(kind)
                )
                if found_function is not None:
                    self.model.functions.remove(found_function)
            elif kind in _TYPE_TYPES:
                assert isinstance(target, ast.TypeName)
                self._drop_type(strings(target.names))
            elif kind == ObjectType.OBJECT_POLICY:
                names = strings(target)
                relation = self._relation_named(names[:-1])
                if relation is not None:
                    relation.policies.pop(names[-1], None)
            elif kind in _UNCOMPARED_TYPES:
                continue
            elif kind not in _CLUSTER_TYPES:
                self.context.skip(statement_kind(self.text))
                return

    def _relation_named(self, names: list[str]) -> Relation | None:
        schema, name = self.context.qualified_name(names)
        found = self.context.find_relation(schema, name)
        if found is not None:
            return found
        for searched in [schema] if schema else self.context.schemas_searched():
            if (searched, name) in self.model.externals:
                return self.model.externals[(searched, name)]
        return None

    def _drop_type(self, names: list[str]) -> None:
        schema, name = self.context.qualified_name(names)
        for searched in [schema] if schema else self.context.schemas_searched():
            if (searched, name) in self.model.types:
                self.model.types.discard((searched, name))
                printed = qualified(searched, name)
                # CASCADE drops the columns of the type; without it the drop fails.
                for relation in self.model.relations():
                    for column in list(relation.columns):
                        if column.data_type in (printed, f"{printed}[]"):
                            pg_relations.drop_column(self.context, relation, column.name)
                return

    def _drop_schema(self, name: str) -> None:
        for key, item in list(self.model.classes.items()):
            if key[0] == name and key in self.model.classes:
                pg_relations.drop_class(self.context, item)
        self.model.functions = [f for f in self.model.functions if f.schema != name]
        self.model.types = {key for key in self.model.types if key[0] != name}
        self.model.externals = {
            key: relation for key, relation in self.model.externals.items() if key[0] != name
        }
        self.model.schemas.pop(name, None)

    def _RenameStmt(self, node: ast.RenameStmt) -> None:
        kind = node.renameType
        new = node.newname or ""
        if kind in _RELATION_TYPES:
            assert node.relation is not None
            found = self._class_or_external(node.relation)
            if found is not None:
                pg_relations.rename_class(self.context, found, found.schema, new)
        elif kind in (ObjectType.OBJECT_COLUMN, ObjectType.OBJECT_TABCONSTRAINT,
                      ObjectType.OBJECT_POLICY):  # fmt: skip
            if node.relation is None:
                return
            relation = self._relation_named(
                [node.relation.schemaname, node.relation.relname or ""]
                if node.relation.schemaname
                else [node.relation.relname or ""]
            )
            if relation is not None:
                self._rename_part(relation, kind, node.subname or "", new)
        elif kind == ObjectType.OBJECT_SCHEMA:
            self._rename_schema(node.subname or "", new)
        elif kind in _ROUTINE_TYPES:
            function = pg_access.find_function(self.context, node.object, None)
            if function is not None:
                function.name = new
        elif kind in _TYPE_TYPES and isinstance(node.object, tuple):
            self._move_type(strings(node.object), None, new)
        elif kind not in _CLUSTER_TYPES:
            self.context.skip(statement_kind(self.text))

    def _class_or_external(self, node: ast.RangeVar) -> Relation | Seq | Index | None:
        found = self.context.find_class(node.schemaname, node.relname or "")
        if found is not None:
            return found
        names = [node.schemaname, node.relname or ""] if node.schemaname else [node.relname or ""]
        return self._relation_named(names)

    def _rename_part(self, relation: Relation, kind: ObjectType, old: str, new: str) -> None:
        if kind == ObjectType.OBJECT_COLUMN:
            pg_relations.rename_column(self.context, relation, old, new)
        elif kind == ObjectType.OBJECT_POLICY:
            policy = relation.policies.pop(old, None)
            if policy is not None:
                policy.name = new
                relation.policies[new] = policy
        else:
            for key in relation.constraints:
                if key.name == old:
                    if key.index is not None:
                        pg_relations.rename_class(self.context, key.index, relation.schema, new)
                    key.name = new

    def _rename_schema(self, old: str, new: str) -> None:
        schema = self.model.schemas.pop(old, None)
        if schema is None:
            return
        schema.name = new
        self.model.schemas[new] = schema
        for key, item in list(self.model.classes.items()):
            if key[0] == old:
                self.model.classes.pop(key)
                if not isinstance(item, Index):
                    item.schema = new
                self.model.classes[(new, key[1])] = item
                if isinstance(item, Relation):
                    pg_relations.retype(
                        self.context, qualified(old, key[1]), qualified(new, key[1])
                    )
        for function in self.model.functions:
            if function.schema == old:
                function.schema = new
        for type_schema, type_name in list(self.model.types):
            if type_schema == old:
                self._move_type([old, type_name], new, type_name)

    def _move_type(self, names: list[str], schema: str | None, name: str) -> None:
        old_schema, old_name = self.context.qualified_name(names)
        for searched in [old_schema] if old_schema else self.context.schemas_searched():
            if (searched, old_name) in self.model.types:
                self.model.types.discard((searched, old_name))
                self.model.types.add((schema or searched, name))
                pg_relations.retype(
                    self.context, qualified(searched, old_name), qualified(schema or searched, name)
                )
                return

    def _AlterObjectSchemaStmt(self, node: ast.AlterObjectSchemaStmt) -> None:
        kind = node.objectType
        new = node.newschema or ""
        if new not in self.model.schemas:
            self.model.schemas[new] = Schema(new, existed=True)
        if kind in _RELATION_TYPES and node.relation is not None:
            found = self._class_or_external(node.relation)
            if found is not None and not isinstance(found, Index):
                pg_relations.rename_class(self.context, found, new, found.name)
        elif kind in _ROUTINE_TYPES:
            function = pg_access.find_function(self.context, node.object, None)
            if function is not None:
                function.schema = new
        elif kind in _TYPE_TYPES and isinstance(node.object, tuple):
            names = strings(node.object)
            self._move_type(names, new, names[-1])
        else:
            self.context.skip(statement_kind(self.text))
