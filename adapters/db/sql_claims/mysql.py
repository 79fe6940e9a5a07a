"""MySQL and MariaDB migrations read with sqlglot, best effort: tables and views with their
columns, and GRANT and REVOKE on the server, databases, tables, columns and routines.

The MySQL engine reads no constraints, indexes or policies, so statements about indexes and
keys add nothing to compare. Types are printed as information_schema.COLUMNS.COLUMN_TYPE
prints them where that does not depend on the server (MariaDB prints integer display widths,
MySQL 8 does not): others are left empty, and so not compared.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError

from adapters.db import catalog as live
from adapters.db.catalog import Catalog
from adapters.db.drift import EVERY_PRIVILEGE
from adapters.db.migrations.base import Migration

_T = exp.DataType.Type
_SIZED = {_T.VARCHAR: "varchar", _T.CHAR: "char", _T.BINARY: "binary",
          _T.VARBINARY: "varbinary", _T.BIT: "bit"}  # fmt: skip
_PLAIN = {
    _T.TEXT: "text",
    _T.TINYTEXT: "tinytext",
    _T.MEDIUMTEXT: "mediumtext",
    _T.LONGTEXT: "longtext",
    _T.BLOB: "blob",
    _T.TINYBLOB: "tinyblob",
    _T.MEDIUMBLOB: "mediumblob",
    _T.LONGBLOB: "longblob",
    _T.DATE: "date",
    _T.DOUBLE: "double",
    _T.FLOAT: "float",
    _T.BOOLEAN: "tinyint(1)",
}
_TIMED = {_T.DATETIME: "datetime", _T.TIMESTAMPTZ: "timestamp", _T.TIMESTAMP: "timestamp",
          _T.TIME: "time"}  # fmt: skip
# MariaDB's display widths when none is given, signed and unsigned.
_MARIADB_INTEGERS = {
    _T.TINYINT: ("tinyint", 4),
    _T.UTINYINT: ("tinyint", 3),
    _T.SMALLINT: ("smallint", 6),
    _T.USMALLINT: ("smallint", 5),
    _T.MEDIUMINT: ("mediumint", 9),
    _T.UMEDIUMINT: ("mediumint", 8),
    _T.INT: ("int", 11),
    _T.UINT: ("int", 10),
    _T.BIGINT: ("bigint", 20),
    _T.UBIGINT: ("bigint", 20),
}
_UNSIGNED = frozenset({_T.UTINYINT, _T.USMALLINT, _T.UMEDIUMINT, _T.UINT, _T.UBIGINT})
_TABLE_EVERY = EVERY_PRIVILEGE["mysql"]["table"]
# MariaDB's ALL on a table includes DELETE HISTORY (system-versioned tables).
_MARIADB_TABLE_EVERY = _TABLE_EVERY | {"DELETE HISTORY"}
_WORD = re.compile(r"`(?:[^`]|``)*`|'(?:[^'\\]|\\.|'')*'|\"(?:[^\"\\]|\\.)*\"|[\w$*%]+|\S")
# Statements that change nothing the MySQL engine reads.
_PASSED_OVER = frozenset(
    {"INSERT", "UPDATE", "DELETE", "SELECT", "REPLACE", "SET", "USE", "CREATE USER",
     "ALTER USER", "DROP USER", "CREATE ROLE", "DROP ROLE", "CREATE INDEX", "DROP INDEX",
     "CREATE DATABASE", "CREATE SCHEMA", "ANALYZE", "OPTIMIZE", "LOCK", "UNLOCK", "START",
     "BEGIN", "COMMIT", "ROLLBACK", "FLUSH", "TRUNCATE", "CALL", "DO", "ALTER DATABASE",
     "ALTER SCHEMA", "DROP DATABASE", "DROP SCHEMA", "GRANT", "REVOKE", "CREATE TRIGGER",
     "DROP TRIGGER"}
)  # fmt: skip


@dataclass
class _Table:
    schema: str
    name: str
    kind: str
    columns: list[live.Column] = field(default_factory=list)
    security_invoker: bool | None = None


@dataclass
class _State:
    mariadb: bool
    schema: str
    tables: dict[tuple[str, str], _Table] = field(default_factory=dict)
    #: Privileges by (grantee, object type, object address).
    grants: dict[tuple[str, str, str], set[str]] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)
    not_derived: list[str] = field(default_factory=list)
    where: str = ""

    def skip(self, kind: str) -> None:
        self.not_derived.append(f"{self.where}: {kind}")


def derive_mysql(
    migrations: Sequence[Migration], engine: str, default_schema: str
) -> tuple[Catalog, list[str]]:
    """Apply the migrations' statements in order: the catalog they claim, and the statements
    that could not be derived. Unqualified names are in `default_schema` (the scanned
    database) until a migration says `USE`."""
    state = _State(mariadb=engine == "mariadb", schema=default_schema)
    dialect = Dialect.get_or_raise("mysql")
    with _quiet_sqlglot():
        for migration in migrations:
            state.schema = default_schema
            sql = migration.sql_on("mysql")
            if sql is None:
                state.where = f"{migration.path}:{migration.first_line}"
                state.skip("a migration that is not SQL")
                continue
            for line, text in _split(dialect, sql):
                state.where = f"{migration.path}:{migration.first_line + line - 1}"
                _apply(state, dialect, text)
    return _catalog(state), state.not_derived


@contextmanager
def _quiet_sqlglot() -> Iterator[None]:
    # sqlglot warns on every statement it keeps as a bare command; those are reported here.
    logger = logging.getLogger("sqlglot")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _split(dialect: Dialect, sql: str) -> Iterator[tuple[int, str]]:
    """(line, text) of each statement, cut at the semicolons the tokenizer sees."""
    try:
        tokens = dialect.tokenize(sql)
    except SqlglotError:
        yield 1, sql
        return
    # By name: TokenType moved between sqlglot versions.
    statement: list[Any] = []
    for token in [*tokens, None]:
        if token is None or token.token_type.name == "SEMICOLON":
            if statement:
                yield statement[0].line, sql[statement[0].start : statement[-1].end + 1]
            statement = []
        else:
            statement.append(token)


def _kind(text: str) -> str:
    words = [word.upper() for word in _WORD.findall(text)[:3]]
    if words[:1] in (["CREATE"], ["ALTER"], ["DROP"]) and len(words) > 1:
        if words[1] in ("OR", "DEFINER", "ALGORITHM", "SQL", "TEMPORARY", "UNIQUE"):
            return f"{words[0]} {_after_modifiers(text)}"
        return f"{words[0]} {words[1]}"
    return words[0] if words else "?"


def _after_modifiers(text: str) -> str:
    found = re.search(r"\b(TABLE|VIEW|FUNCTION|PROCEDURE|TRIGGER|EVENT|INDEX)\b", text, re.I)
    return found.group(1).upper() if found else "?"


def _apply(state: _State, dialect: Dialect, text: str) -> None:
    kind = _kind(text)
    if kind in ("GRANT", "REVOKE"):
        _grant(state, text, kind == "GRANT")
        return
    if kind == "RENAME":
        _rename(state, text)
        return
    if kind == "CREATE ROLE":
        words = [word for word in _words(text)[2:] if word != ","]
        names = [word for word in words if word.upper() not in ("IF", "NOT", "EXISTS")]
        state.roles.update(_unquote(name) for name in names)
        return
    try:
        node = sqlglot.parse_one(text, dialect=dialect)
    except SqlglotError:
        state.skip(f"{kind} (not parsed)")
        return
    of = str(node.args.get("kind") or "").upper()
    if isinstance(node, exp.Use) and node.this is not None:
        state.schema = node.this.name
    elif isinstance(node, exp.Create) and of in ("TABLE", "VIEW"):
        _create(state, node)
    elif isinstance(node, exp.Drop) and of in ("TABLE", "VIEW"):
        for table in node.args.get("tables") or ():
            state.tables.pop(_address(state, table), None)
    elif isinstance(node, exp.Drop) and of in ("DATABASE", "SCHEMA"):
        name = node.this.name if node.this is not None else ""
        state.tables = {key: table for key, table in state.tables.items() if key[0] != name}
    elif isinstance(node, exp.Alter) and of == "TABLE":
        _alter(state, node)
    elif kind not in _PASSED_OVER and not isinstance(node, exp.Query | exp.DML):
        state.skip(kind)


def _address(state: _State, table: exp.Expression) -> tuple[str, str]:
    schema = table.args.get("db")
    return (schema.name if schema is not None else state.schema), table.name


def column_type(data_type: exp.DataType | None, mariadb: bool) -> str:
    """COLUMN_TYPE as the server prints it, or "" where that depends on the server."""
    if data_type is None:
        return ""
    kind = data_type.this
    params = [
        param.this.name if isinstance(param, exp.DataTypeParam) else param.name
        for param in data_type.expressions
    ]
    numbers = [int(param) for param in params if param.isdigit()]
    if kind in _PLAIN and not params:
        return _PLAIN[kind]
    if kind == _T.JSON:
        return "longtext" if mariadb else "json"
    if kind in _SIZED:
        if not numbers:
            return f"{_SIZED[kind]}(1)" if kind in (_T.CHAR, _T.BINARY, _T.BIT) else ""
        return f"{_SIZED[kind]}({numbers[0]})" if len(numbers) == 1 else ""
    if kind in (_T.DECIMAL, _T.UDECIMAL):
        if len(numbers) > 2:
            return ""
        precision, scale = [*numbers, 0][:2] if numbers else [10, 0]
        unsigned = " unsigned" if kind == _T.UDECIMAL else ""
        return f"decimal({precision},{scale}){unsigned}"
    if kind in _TIMED:
        return _TIMED[kind] + (f"({numbers[0]})" if numbers else "")
    if kind in (_T.ENUM, _T.SET):
        values = ",".join("'" + value.replace("'", "''") + "'" for value in params)
        return f"{'enum' if kind == _T.ENUM else 'set'}({values})"
    if kind in _MARIADB_INTEGERS and mariadb:
        name, width = _MARIADB_INTEGERS[kind]
        unsigned = " unsigned" if kind in _UNSIGNED else ""
        return f"{name}({numbers[0] if numbers else width}){unsigned}"
    return ""


def _columns(state: _State, schema: exp.Expression) -> list[live.Column]:
    return [
        live.Column(column.name, column_type(column.args.get("kind"), state.mariadb))
        for column in schema.expressions
        if isinstance(column, exp.ColumnDef)
    ]


def _create(state: _State, node: exp.Create) -> None:
    if node.args.get("temporary") or any(
        isinstance(prop, exp.TemporaryProperty) for prop in _properties(node)
    ):
        return
    target = node.this
    table = target.this if isinstance(target, exp.Schema) else target
    key = _address(state, table)
    view = str(node.args.get("kind")).upper() == "VIEW"
    if key in state.tables and not (view and node.args.get("replace")):
        return
    created = _Table(*key, kind="view" if view else "table")
    if view:
        security = next(
            (prop for prop in _properties(node) if isinstance(prop, exp.SqlSecurityProperty)), None
        )
        created.security_invoker = security is not None and security.name.upper() == "INVOKER"
    elif isinstance(target, exp.Schema):
        created.columns = _columns(state, target)
    elif node.args.get("expression") is None:
        # CREATE TABLE ... LIKE another: the same columns.
        like = next(
            (prop for prop in _properties(node) if isinstance(prop, exp.LikeProperty)), None
        )
        source = state.tables.get(_address(state, like.this)) if like is not None else None
        created.columns = list(source.columns) if source is not None else []
    state.tables[key] = created


def _properties(node: exp.Expression) -> list[exp.Expression]:
    properties = node.args.get("properties")
    return list(properties.expressions) if properties is not None else []


def _alter(state: _State, node: exp.Alter) -> None:
    key = _address(state, node.this)
    table = state.tables.get(key)
    for action in node.args.get("actions") or ():
        if table is None:
            return
        if isinstance(action, exp.ColumnDef):
            table.columns.append(
                live.Column(action.name, column_type(action.args.get("kind"), state.mariadb))
            )
        elif isinstance(action, exp.ModifyColumn) and isinstance(action.this, exp.ColumnDef):
            old = action.args.get("rename_from")
            name = old.name if old is not None else action.this.name
            kept = live.Column(
                action.this.name, column_type(action.this.args.get("kind"), state.mariadb)
            )
            table.columns = [kept if column.name == name else column for column in table.columns]
        elif isinstance(action, exp.Drop) and str(action.args.get("kind", "")).upper() == "COLUMN":
            dropped = {column.name for column in action.args.get("tables") or ()}
            table.columns = [column for column in table.columns if column.name not in dropped]
        elif isinstance(action, exp.AlterRename):
            state.tables.pop(key)
            key = _address(state, action.this)
            table.schema, table.name = key
            state.tables[key] = table
        elif isinstance(action, exp.RenameColumn):
            old, new = action.this.name, action.args["to"].name
            table.columns = [
                live.Column(new, column.data_type) if column.name == old else column
                for column in table.columns
            ]
        elif not isinstance(action, exp.AddConstraint | exp.AlterColumn):
            state.skip(f"ALTER TABLE {type(action).__name__}")


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _unquote(word: str) -> str:
    if len(word) >= 2 and word[0] == word[-1] and word[0] in "`'\"":
        quote = word[0]
        return word[1:-1].replace(quote * 2, quote).replace(f"\\{quote}", quote)
    return word


def _rename(state: _State, text: str) -> None:
    """RENAME TABLE a TO b [, c TO d]."""
    words = _words(text)[2:]
    pairs = " ".join(words).split(",")
    for pair in pairs:
        parts = pair.split()
        if len(parts) != 3 or parts[1].upper() != "TO":
            state.skip("RENAME TABLE")
            return
        old, new = (_dotted(state, part) for part in (parts[0], parts[2]))
        table = state.tables.pop(old, None)
        if table is not None:
            table.schema, table.name = new
            state.tables[new] = table


def _dotted(state: _State, word: str) -> tuple[str, str]:
    parts = [_unquote(part) for part in re.findall(r"`(?:[^`]|``)*`|[^.]+", word)]
    return (parts[0], parts[1]) if len(parts) == 2 else (state.schema, parts[-1])


def _grant(state: _State, text: str, granting: bool) -> None:
    """GRANT privileges ON level TO accounts [WITH GRANT OPTION], and REVOKE ... FROM."""
    words = _words(text)[1:]
    upper = [word.upper() for word in words]
    if "ON" not in upper:
        return  # GRANT role TO account: a membership, which the catalog does not compare.
    on = upper.index("ON")
    privileges = _privilege_list(words[:on])
    rest = words[on + 1 :]
    routine = bool(rest) and rest[0].upper() in ("FUNCTION", "PROCEDURE")
    if rest and rest[0].upper() in ("TABLE", "FUNCTION", "PROCEDURE"):
        rest = rest[1:]
    to = next(
        (i for i, word in enumerate(rest) if word.upper() == ("TO" if granting else "FROM")), None
    )
    if to is None or privileges is None:
        state.skip("GRANT" if granting else "REVOKE")
        return
    level = "".join(rest[:to])
    tail = rest[to + 1 :]
    grant_option = " ".join(word.upper() for word in tail[-3:]) == "WITH GRANT OPTION"
    accounts = _accounts(state, tail[:-3] if grant_option else tail)
    target = _level(state, level, routine)
    if target is None:
        state.skip("GRANT" if granting else "REVOKE")
        return
    object_type, address = target
    whole, columns = privileges
    if "ALL" in whole:
        if object_type != "table":
            # ALL on a database or the server is a set of privileges that differs by version.
            state.skip(f"{'GRANT' if granting else 'REVOKE'} ALL ON {level}")
            return
        whole = (whole - {"ALL"}) | (_MARIADB_TABLE_EVERY if state.mariadb else _TABLE_EVERY)
    if grant_option:
        whole = whole | {"GRANT OPTION"}
    for account in accounts:
        _change(state, (account, object_type, address), whole, granting)
        for column, held in columns.items():
            _change(state, (account, "column", f"{address}.{column}"), held, granting)


def _change(state: _State, key: tuple[str, str, str], privileges: set[str], add: bool) -> None:
    held = state.grants.setdefault(key, set())
    if add:
        held |= privileges
    else:
        held -= privileges
    if not held:
        del state.grants[key]


def _privilege_list(words: list[str]) -> tuple[set[str], dict[str, set[str]]] | None:
    whole: set[str] = set()
    columns: dict[str, set[str]] = {}
    current: list[str] = []
    position = 0
    while position <= len(words):
        word = words[position] if position < len(words) else ","
        if word == "(":
            end = words.index(")", position) if ")" in words[position:] else -1
            if end < 0:
                return None
            name = " ".join(current).upper()
            for column in words[position + 1 : end]:
                if column != ",":
                    columns.setdefault(_unquote(column), set()).add(name)
            current, position = [], end + 1
            continue
        if word == ",":
            if current:
                name = " ".join(current).upper()
                whole.add("ALL" if name in ("ALL", "ALL PRIVILEGES") else name)
            current = []
        else:
            current.append(word)
        position += 1
    return whole, columns


def _accounts(state: _State, words: list[str]) -> list[str]:
    accounts: list[str] = []
    current = ""
    for word in [*words, ","]:
        if word == ",":
            if current:
                accounts.append(_account(state, current))
            current = ""
        elif word.upper() in ("IDENTIFIED", "REQUIRE", "WITH"):
            break
        else:
            current += word
    return accounts


def _account(state: _State, text: str) -> str:
    """An account as the engine names it: `user@host`, or a role by its name."""
    user, at, host = text.partition("@")
    user, host = _unquote(user), _unquote(host) if at else "%"
    if not at and user in state.roles:
        return user
    return ("''" if user == "" else user) + "@" + host


def _level(state: _State, level: str, routine: bool) -> tuple[str, str] | None:
    if level in ("*.*",):
        return "global", "*"
    parts = [_unquote(part) for part in re.findall(r"`(?:[^`]|``)*`|[^.`]+", level)]
    if not parts:
        return None
    if len(parts) == 1:
        parts = [state.schema, parts[0]]
    schema, name = parts[0], parts[-1]
    if name == "*":
        return "schema", f"schema:{schema}"
    return ("function", f"{schema}.{name}()") if routine else ("table", f"{schema}.{name}")


def _catalog(state: _State) -> Catalog:
    relations = tuple(
        live.Relation(
            schema=table.schema,
            name=table.name,
            kind=table.kind,
            owner="",
            columns=tuple(table.columns),
            security_invoker=table.security_invoker,
        )
        for table in sorted(state.tables.values(), key=lambda table: (table.schema, table.name))
    )
    grants = tuple(
        live.Grant(grantee, privilege, object_type, address)
        for (grantee, object_type, address), held in sorted(state.grants.items())
        for privilege in sorted(held)
    )
    return Catalog.derived("mysql", relations=relations, grants=grants)
