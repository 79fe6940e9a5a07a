"""MySQL and MariaDB: accounts, roles, grants, tables, routines and settings, read with PyMySQL.

Everything is read in one read-only transaction with a constant number of queries, one per
catalog part (`Catalog.queries` counts them; sampling adds one query per sampled table, not
counted there). A denied query leaves only its part `Unresolved`; a connection lost midway
leaves every part not yet read `Unresolved`. Nothing is written, and no password hash or
sampled value leaves this module.

A scan reads the database the DSN names: its tables and columns, its routines and the grants
on it (with `CollectOptions.all_databases`, those of every database but the system ones).
Accounts, roles and their global grants (object `*`) belong to the whole server and are read
whole, whichever database is scanned. The server stops any statement, or a wait for a lock,
at `statement_timeout`; a server silent a little longer than that counts as gone.

Names, as `Role.name`, grantees and `Access.role` write them: an account is `user@host`
(`app@10.0.%`), an anonymous account `''@host` (`''@%`), a role its name alone (`readers`),
and MariaDB's grants to everyone (10.11+) the grantee `PUBLIC`.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
import ssl
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from adapters.db.catalog import (
    PUBLIC,
    Access,
    Audit,
    Catalog,
    Column,
    Constraint,
    Function,
    Grant,
    Index,
    Relation,
    Role,
    Sample,
)
from adapters.db.engine import CollectOptions, DatabaseError, Dsn, Engine, ShadowDatabase
from checker.models import Unresolved
from checker.redaction import masked_card_numbers

if TYPE_CHECKING:
    from pymysql.connections import Connection

SYSTEM_SCHEMAS = ("mysql", "information_schema", "performance_schema", "sys")
SETTINGS = (
    "require_secure_transport",
    "tls_version",
    "local_infile",
    "have_ssl",
    "server_audit_logging",
    "audit_log_policy",
    "max_password_errors",
    "interactive_timeout",
)
_DEFAULT_PORT = 3306
# Client and server errors that mean the connection is gone: server gone away, lost during
# a query, connection killed (MariaDB), disconnected for inactivity (MySQL 8), shutdown.
_CONNECTION_LOST = frozenset({1053, 1927, 2006, 2013, 2055, 4031})
# The server stopped a statement at its time limit: max_statement_time (MariaDB),
# max_execution_time (MySQL).
_STATEMENT_TIMED_OUT = frozenset({1969, 3024})
# A wait for a lock ran past lock_wait_timeout (set to the same limit); which of the two
# limits fires first on a locked table is a race.
_LOCK_WAIT_TIMED_OUT = 1205
_ACCESS_DENIED = frozenset({1142, 1143})
_CONNECT_FAILED = 2003
_TEXT_TYPES = frozenset({"char", "varchar", "text", "tinytext", "mediumtext", "longtext"})
_TABLE_ACCESS = ("SELECT", "INSERT", "UPDATE", "DELETE")
_COLUMN_ACCESS = ("SELECT", "UPDATE")
_ALL = "ALL PRIVILEGES"
# Plugins whose empty authentication string means the account has no password at all.
_PASSWORD_PLUGINS = frozenset(
    {"", "mysql_native_password", "mysql_old_password", "caching_sha2_password", "sha256_password"}
)
# Privilege columns (`Xxx_priv`) and privilege set members whose SQL name is not simply
# their name in capitals.
_PRIVILEGE_NAMES = {
    "GRANT": "GRANT OPTION",
    "SHOW DB": "SHOW DATABASES",
    "CREATE TMP TABLE": "CREATE TEMPORARY TABLES",
    "REPL SLAVE": "REPLICATION SLAVE",
    "REPL CLIENT": "REPLICATION CLIENT",
    "DELETE VERSIONING ROWS": "DELETE HISTORY",
}
# The privilege columns every MySQL 5.7+/MariaDB mysql.user has, for when the layout of the
# mysql schema could not be seen (the accounts query then fails and says why).
_COMMON_PRIVILEGE_COLUMNS = (
    "Select_priv", "Insert_priv", "Update_priv", "Delete_priv", "Create_priv", "Drop_priv",
    "Reload_priv", "Shutdown_priv", "Process_priv", "File_priv", "Grant_priv",
    "References_priv", "Index_priv", "Alter_priv", "Show_db_priv", "Super_priv",
    "Create_tmp_table_priv", "Lock_tables_priv", "Execute_priv", "Repl_slave_priv",
    "Repl_client_priv", "Create_view_priv", "Show_view_priv", "Create_routine_priv",
    "Alter_routine_priv", "Create_user_priv", "Event_priv", "Trigger_priv",
    "Create_tablespace_priv",
)  # fmt: skip
_ACCOUNT_TABLES = ("user", "global_priv", "roles_mapping", "role_edges")
# MySQL 8: whether the account itself holds what lets it see every routine. One held only
# through a role is not seen there, and then the routines count as not all visible.
_SEES_EVERY_ROUTINE = (
    "EXISTS (SELECT 1 FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = CONCAT('''',"
    " SUBSTRING_INDEX(CURRENT_USER(), '@', 1), '''@''', SUBSTRING_INDEX(CURRENT_USER(), '@', -1),"
    " '''') AND PRIVILEGE_TYPE IN ('SELECT', 'SHOW_ROUTINE'))"
)
_TLS_MODES = frozenset({"DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY"})


class MysqlEngine(Engine):
    """Reads a MySQL (5.7, 8) or MariaDB (10.4+) server's accounts, grants and catalog."""

    name = "mysql"
    schemes = ("mysql", "mariadb")
    permissions: ClassVar[tuple[str, ...]] = (
        "-- An account of its own, from the scanner's host; its password comes from MYSQL_PWD:",
        "-- CREATE USER 'assaymark'@'SCANNER-HOST' IDENTIFIED BY '<from your vault>';",
        "-- Accounts, roles, memberships and grants (mysql.user, mysql.db, mysql.*_priv):",
        "GRANT SELECT ON mysql.* TO 'assaymark'@'SCANNER-HOST';",
        "-- Lets information_schema list every table, view and column, without reading rows:",
        "GRANT REFERENCES ON *.* TO 'assaymark'@'SCANNER-HOST';",
        "-- MySQL 8.0.20+ only: lists every routine (on MariaDB SELECT on mysql.* does):",
        "-- GRANT SHOW_ROUTINE ON *.* TO 'assaymark'@'SCANNER-HOST';",
        "-- Only for --sample (reading rows to look for card numbers stored in clear):",
        "-- GRANT SELECT ON *.* TO 'assaymark'@'SCANNER-HOST';",
    )

    #: A schema is a database: a shadow database's objects are named after it.
    schemas_are_databases: ClassVar[bool] = True

    def throwaway(
        self, server: Dsn, roles: Sequence[Role], options: CollectOptions
    ) -> AbstractContextManager[ShadowDatabase]:
        """A throwaway database on the shadow server (see adapters.db.mysql_shadow)."""
        from adapters.db.mysql_shadow import throwaway

        return throwaway(server, roles, options.connect_timeout)

    def collect(self, dsn: Dsn, options: CollectOptions) -> Catalog:
        """Read the catalog in a read-only transaction; never writes."""
        try:
            import pymysql
        except ImportError as exc:
            raise DatabaseError(
                f"{dsn}: reading MySQL/MariaDB needs the PyMySQL driver (pip install PyMySQL)"
            ) from exc
        tls = _tls_options(dsn)
        password = dsn.password if dsn.password is not None else os.environ.get("MYSQL_PWD")
        silence = _silence_seconds(options.statement_timeout)
        try:
            connection = pymysql.connect(
                host=dsn.host,
                port=dsn.port or _DEFAULT_PORT,
                user=dsn.user,
                password=password or "",
                database=dsn.database,
                unix_socket=dsn.params.get("socket"),
                charset="utf8mb4",
                connect_timeout=options.connect_timeout,
                # Also bounds the handshake: a port that accepts and never answers.
                read_timeout=silence,
                write_timeout=silence,
                autocommit=False,
                program_name="assaymark",
                **tls,
            )
        except Exception as exc:
            # Whatever the server (or whatever answers on its port) does, the catalog says so
            # and the checks become `error`; only a missing driver or bad settings raise.
            reason = _describe(exc)
            if _timed_out(exc):
                code = exc.args[0] if exc.args else None
                waited = options.connect_timeout if code == _CONNECT_FAILED else silence
                reason = f"timed out: {dsn.server} did not answer within {waited:g} s ({reason})"
            why = Unresolved(f"connection to {dsn.server}/{dsn.database}", reason)
            engine = "mariadb" if dsn.scheme == "mariadb" else "mysql"
            return Catalog.unreachable(engine, dsn.server, dsn.database, why)
        try:
            session = _Session(connection, dsn.server, options.statement_timeout, silence)
            return _Collection(session, dsn, options).run()
        finally:
            with contextlib.suppress(Exception):
                connection.rollback()
            with contextlib.suppress(Exception):
                connection.close()


def _tls_options(dsn: Dsn) -> dict[str, Any]:
    """PyMySQL's TLS arguments for the `ssl-mode`, `ssl-ca`, `ssl-cert`, `ssl-key` parameters,
    with the meaning the mysql client gives them."""

    def param(name: str) -> str | None:
        return dsn.params.get(name) or dsn.params.get(name.replace("-", "_"))

    ca, cert, key = param("ssl-ca"), param("ssl-cert"), param("ssl-key")
    mode = (param("ssl-mode") or "").upper().replace("-", "_")
    if not mode:
        # As the mysql client: a CA given alone means it is used to verify the server.
        mode = "VERIFY_CA" if ca else "REQUIRED" if cert else "PREFERRED"
    if mode not in _TLS_MODES:
        raise DatabaseError(f"{dsn}: ssl-mode {mode} is not one of {', '.join(sorted(_TLS_MODES))}")
    if mode == "DISABLED":
        return {"ssl_disabled": True}
    if mode == "PREFERRED":
        return {}
    try:
        context = ssl.create_default_context(cafile=ca)
        if mode != "VERIFY_IDENTITY":
            context.check_hostname = False
        if mode == "REQUIRED":
            context.verify_mode = ssl.CERT_NONE
        if cert:
            context.load_cert_chain(cert, key)
    except (OSError, ValueError) as exc:
        raise DatabaseError(f"{dsn}: TLS settings: {exc}") from exc
    return {"ssl": context}


def _silence_seconds(statement_timeout: float) -> float:
    """How long the socket may stay silent before the server counts as gone: a little longer
    than the statement limit, so that the server's own limit ends a slow statement first and
    says so."""
    return statement_timeout + max(1.0, statement_timeout / 4)


def _timed_out(exc: BaseException) -> bool:
    """Whether a driver error comes from a socket timeout (PyMySQL wraps it)."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, TimeoutError):
            return True
        original = getattr(current, "original_exception", None)
        pending.extend(
            [current.__cause__, current.__context__]
            + ([original] if isinstance(original, BaseException) else [])
        )
    return False


def _describe(exc: BaseException) -> str:
    """`CODE: message` for a driver or server error, the exception otherwise."""
    args: tuple[Any, ...] = getattr(exc, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        return f"{args[0]}: {str(args[1])[:300]}"
    return f"{type(exc).__name__}: {str(exc)[:300]}"


def _text(value: Any) -> str:
    """A catalog value as text (MySQL 8 returns some information_schema columns as bytes)."""
    if value is None:
        return ""
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def _quote(identifier: str) -> str:
    """A backtick-quoted identifier."""
    return "`" + identifier.replace("`", "``") + "`"


def _privilege_name(name: str) -> str:
    """The SQL name of a privilege column (`Create_tmp_table_priv`) or set member (`Show view`)."""
    spoken = name.removesuffix("_priv").replace("_", " ").upper()
    return _PRIVILEGE_NAMES.get(spoken, spoken)


def _schema_matches(pattern: str, name: str) -> bool:
    """Whether a database name in mysql.db matches a database, as the server decides it.

    mysql.db holds database names as LIKE patterns: an unescaped `_` matches any one
    character and `%` any run of them, while `\\_` and `\\%` match themselves (`GRANT ... ON
    app_db.*` thus also covers `appXdb`). MySQL 8 with `partial_revokes` on takes them
    literally; matching them as patterns then errs on the side of more access, not less.
    """
    regex: list[str] = []
    position = 0
    while position < len(pattern):
        character = pattern[position]
        if character == "\\" and position + 1 < len(pattern):
            regex.append(re.escape(pattern[position + 1]))
            position += 2
            continue
        regex.append(
            "." if character == "_" else ".*" if character == "%" else re.escape(character)
        )
        position += 1
    return re.fullmatch("".join(regex), name, re.DOTALL) is not None


def _literal_schema(pattern: str) -> str:
    """A mysql.db name as the grant's object: `app\\_db` (escaped to be literal) is `app_db`."""
    return re.sub(r"\\([_%\\])", r"\1", pattern)


@dataclass(frozen=True)
class _Rows:
    """What one query returned."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class _Session:
    """The collection's connection: runs queries, counts them, and notices when it is lost."""

    def __init__(
        self, connection: Connection[Any], server: str, statement_timeout: float, silence: float
    ) -> None:
        self.connection = connection
        self.server = server
        self.statement_timeout = statement_timeout
        self.silence = silence
        self.queries = 0
        self.lost: str | None = None

    def read(
        self, what: str, sql: str, *, counted: bool = True, denied: str = ""
    ) -> _Rows | Unresolved:
        """The rows of a query, or `Unresolved` naming what was read and why it failed
        (`denied` adds to the reason when the server denied the query)."""
        from pymysql import err

        where = f"{what} on {self.server}"
        if self.lost is not None:
            return Unresolved(where, self.lost)
        if counted:
            self.queries += 1
        try:
            with self.connection.cursor() as cursor:
                cursor.execute(sql)
                columns = tuple(d[0] for d in cursor.description or ())
                rows = tuple(tuple(row) for row in cursor.fetchall())
        except (err.InterfaceError, OSError) as exc:
            return self._lose(where, exc)
        except err.MySQLError as exc:
            code = exc.args[0] if exc.args else None
            if code in _CONNECTION_LOST:
                return self._lose(where, exc)
            if code in _STATEMENT_TIMED_OUT:
                limit = f"{self.statement_timeout:g} s"
                return Unresolved(where, f"timed out: it ran past {limit} ({_describe(exc)})")
            if code == _LOCK_WAIT_TIMED_OUT:
                limit = f"{self.statement_timeout:g} s"
                return Unresolved(
                    where, f"timed out: it waited for a lock past {limit} ({_describe(exc)})"
                )
            if denied and code in _ACCESS_DENIED:
                return Unresolved(where, f"{_describe(exc)}; {denied}")
            return Unresolved(where, _describe(exc))
        except UnicodeDecodeError as exc:
            return Unresolved(where, f"undecodable text: {exc.reason}")
        return _Rows(columns, rows)

    def run(self, what: str, sql: str) -> Unresolved | None:
        """Run a statement that returns nothing (not counted as a catalog query)."""
        result = self.read(what, sql, counted=False)
        return result if isinstance(result, Unresolved) else None

    def _lose(self, where: str, exc: BaseException) -> Unresolved:
        if _timed_out(exc):
            self.lost = (
                f"the connection was lost during collection: timed out, {self.server} did not "
                f"answer within {self.silence:g} s ({_describe(exc)})"
            )
        else:
            self.lost = f"the connection was lost during collection ({_describe(exc)})"
        return Unresolved(where, self.lost)


@dataclass(frozen=True)
class _Flavor:
    """Which server it is, as `SELECT VERSION()` (or the handshake) says."""

    mariadb: bool
    version: tuple[int, int]

    @classmethod
    def of(cls, version: str) -> _Flavor:
        # MariaDB's handshake says `5.5.5-10.11.6-MariaDB`; VERSION() says `10.11.6-MariaDB`.
        numbers = re.findall(r"(\d+)\.(\d+)", version.removeprefix("5.5.5-"))
        major, minor = (int(numbers[0][0]), int(numbers[0][1])) if numbers else (0, 0)
        return cls("mariadb" in version.lower(), (major, minor))

    @property
    def public(self) -> bool:
        """Whether the server has grants to everyone (MariaDB 10.11's `TO PUBLIC`)."""
        return self.mariadb and self.version >= (10, 11)


@dataclass(frozen=True)
class _Names:
    """How accounts and roles are named in the catalog (see the module's docstring)."""

    mariadb: bool
    roles: frozenset[tuple[str, str]] = frozenset()

    def of(self, user: str, host: str) -> str:
        if self.mariadb and host == "" and user == PUBLIC:
            return PUBLIC
        if (user, host) in self.roles or (self.mariadb and host == ""):
            # MariaDB roles have no host; MySQL 8 roles are accounts, usually at `%`.
            return user if host in ("", "%") else f"{user}@{host}"
        return ("''" if user == "" else user) + "@" + host

    def of_definer(self, definer: str) -> str:
        """A DEFINER (`user@host`, or a role's name) or CURRENT_USER() value as a name."""
        user, at, host = definer.rpartition("@")
        return self.of(user, host) if at else self.of(definer, "")


@dataclass(frozen=True)
class _Held:
    """A privilege as the access computation needs it: database names still as patterns."""

    grantee: str
    privilege: str
    level: str  # global, schema, table, column or routine
    schema: str = ""
    name: str = ""
    column: str = ""


@dataclass
class _Holdings:
    """The privileges one set of grantees holds together, by level."""

    everywhere: set[str] = field(default_factory=set)
    schemas: list[tuple[str, str]] = field(default_factory=list)
    objects: dict[tuple[str, ...], set[str]] = field(default_factory=lambda: defaultdict(set))

    def on_schema(self, schema: str) -> set[str]:
        found = set(self.everywhere)
        for pattern, privilege in self.schemas:
            if _schema_matches(pattern, schema):
                found.add(privilege)
        return found

    def holds(self, privilege: str, inherited: set[str], key: tuple[str, ...]) -> bool:
        found = inherited | self.objects.get(key, set())
        return privilege in found or _ALL in found


class _Collection:
    """One collection over one connection: the parts in order, then what follows from them."""

    def __init__(self, session: _Session, dsn: Dsn, options: CollectOptions) -> None:
        self.session = session
        self.dsn = dsn
        self.options = options
        self.database = dsn.database

    def in_scope(self, column: str) -> str:
        """The SQL condition keeping `column` (a database name) to the DSN's database, unless
        every database is read."""
        return "TRUE" if self.options.all_databases else f"{column} = DATABASE()"

    def limit_statements(self, flavor: _Flavor) -> None:
        """Have the server stop any statement, or a wait for a table lock, at the limit."""
        seconds = self.options.statement_timeout
        if flavor.mariadb:
            self.session.run(
                "statement time limit", f"SET SESSION max_statement_time = {seconds:.3f}"
            )
        elif flavor.version >= (5, 7):
            milliseconds = max(1, round(seconds * 1000))
            self.session.run(
                "statement time limit", f"SET SESSION max_execution_time = {milliseconds}"
            )
        self.session.run(
            "lock wait limit", f"SET SESSION lock_wait_timeout = {max(1, math.ceil(seconds))}"
        )

    def run(self) -> Catalog:
        session = self.session
        for statement in ("SET SESSION TRANSACTION READ ONLY", "START TRANSACTION READ ONLY"):
            failed = session.run("a read-only transaction", statement)
            if failed is not None:
                # Fail closed: without a read-only transaction nothing is read at all.
                engine = "mariadb" if self.dsn.scheme == "mariadb" else "mysql"
                return Catalog.unreachable(engine, self.dsn.server, self.dsn.database, failed)
        head = session.read(
            "server version and current user", "SELECT VERSION(), CURRENT_USER(), DATABASE()"
        )
        version: str | Unresolved
        current: str | Unresolved
        if isinstance(head, Unresolved):
            version = current = head
            # The handshake names the server too, which is enough to pick the queries.
            handshake = session.connection.get_server_info()  # type: ignore[no-untyped-call]
            flavor = _Flavor.of(str(handshake or ""))
        else:
            version, current = _text(head.rows[0][0]), _text(head.rows[0][1])
            # The database as the server names it (lower_case_table_names may fold the DSN's).
            self.database = _text(head.rows[0][2]) or self.dsn.database
            flavor = _Flavor.of(version)
        self.limit_statements(flavor)
        layout = self.layout(flavor)
        roles, names, held_global = self.accounts(flavor, layout)
        if not isinstance(current, Unresolved):
            current = names.of_definer(current)
        grants, held = self.grants(names, roles, held_global)
        relations = self.relations(names)
        functions = self.functions(flavor, names)
        settings = self.settings()
        audit = self.audit(settings)
        untrusted = self.untrusted(flavor, roles)
        access = self.access(flavor, untrusted, roles, held, grants, relations, functions)
        samples = self.samples(relations)
        constraints, indexes = self.constraints(), self.indexes()
        tracker_table, tracker = self.tracker()
        return Catalog(
            engine="mariadb" if flavor.mariadb else "mysql",
            server=self.dsn.server,
            database=self.dsn.database,
            version=version,
            current_user=current,
            roles=roles,
            relations=relations,
            policies=(),
            grants=grants,
            functions=functions,
            default_privileges=(),
            access=access,
            settings=settings,
            audit=audit,
            untrusted_roles=untrusted,
            samples=samples,
            queries=session.queries,
            constraints=constraints,
            indexes=indexes,
            tracker=tracker,
            tracker_table=tracker_table,
        )

    # -- constraints, indexes and the migration tracker ----------------------------------

    def constraints(self) -> tuple[Constraint, ...] | Unresolved:
        """Primary keys, unique, foreign key and check constraints, with their columns (a
        check constraint's clause is not compared: information_schema differs between MySQL
        and MariaDB versions there)."""
        excluded = ", ".join(f"'{schema}'" for schema in SYSTEM_SCHEMAS)
        found = self.session.read(
            "constraints (information_schema.TABLE_CONSTRAINTS, KEY_COLUMN_USAGE)",
            "SELECT c.TABLE_SCHEMA, c.TABLE_NAME, c.CONSTRAINT_NAME, c.CONSTRAINT_TYPE,"
            " GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', '),"
            " MAX(k.REFERENCED_TABLE_SCHEMA), MAX(k.REFERENCED_TABLE_NAME),"
            " GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION SEPARATOR ', ')"
            " FROM information_schema.TABLE_CONSTRAINTS c"
            " LEFT JOIN information_schema.KEY_COLUMN_USAGE k"
            " ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME"
            " AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME"
            f" WHERE c.TABLE_SCHEMA NOT IN ({excluded}) AND {self.in_scope('c.TABLE_SCHEMA')}"
            " GROUP BY c.TABLE_SCHEMA, c.TABLE_NAME, c.CONSTRAINT_NAME, c.CONSTRAINT_TYPE"
            " ORDER BY 1, 2, 3",
        )
        if isinstance(found, Unresolved):
            return found
        constraints = []
        for schema, table, name, kind, columns, ref_schema, ref_table, ref_columns in found.rows:
            kind_name = _text(kind).lower()
            definition = f"{_text(kind)} ({_text(columns)})" if columns else _text(kind)
            if ref_table:
                # The referenced database as this one is called (a shadow's is renamed).
                where = "" if _text(ref_schema) == _text(schema) else f"{_text(ref_schema)}."
                definition += f" REFERENCES {where}{_text(ref_table)} ({_text(ref_columns)})"
            constraints.append(
                Constraint(f"{_text(schema)}.{_text(table)}", _text(name), kind_name, definition)
            )
        return tuple(constraints)

    def indexes(self) -> tuple[Index, ...] | Unresolved:
        """Indexes with their columns in order, uniqueness and method."""
        excluded = ", ".join(f"'{schema}'" for schema in SYSTEM_SCHEMAS)
        found = self.session.read(
            "indexes (information_schema.STATISTICS)",
            "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, MIN(NON_UNIQUE), MAX(INDEX_TYPE),"
            " GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX SEPARATOR ', ')"
            f" FROM information_schema.STATISTICS WHERE TABLE_SCHEMA NOT IN ({excluded})"
            f" AND {self.in_scope('TABLE_SCHEMA')}"
            " GROUP BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME ORDER BY 1, 2, 3",
        )
        if isinstance(found, Unresolved):
            return found
        return tuple(
            Index(
                f"{_text(schema)}.{_text(table)}",
                _text(name),
                f"{'' if int(non_unique) else 'UNIQUE '}INDEX USING {_text(method)}"
                f" ({_text(columns)})",
            )
            for schema, table, name, non_unique, method, columns in found.rows
        )

    def tracker(self) -> tuple[str | None, tuple[tuple[Any, ...], ...] | Unresolved | None]:
        """The migration tool's tracker table in the DSN's database, and its rows."""
        if self.options.tracker is None:
            return None, None
        table, query = self.options.tracker
        name = table.rpartition(".")[2]
        address = f"{self.database}.{name}"
        found = self.session.read(
            f"the migration tracker {table}",
            query.replace("{table}", f"{_quote(self.database)}.{_quote(name)}"),
        )
        if isinstance(found, Unresolved) and "1146" in found.reason:
            found = Unresolved(
                found.expression, f"no table {name} in database {self.database}: {found.reason}"
            )
        return address, found if isinstance(found, Unresolved) else found.rows

    # -- accounts and grants -------------------------------------------------------------

    def layout(self, flavor: _Flavor) -> dict[str, list[str]]:
        """The columns of the account tables this server has (they differ between MySQL and
        MariaDB versions). Without privileges on them nothing is seen, and the layout of the
        flavor is assumed so that the accounts query fails with the server's own reason."""
        tables = ", ".join(f"'{name}'" for name in _ACCOUNT_TABLES)
        found = self.session.read(
            "the layout of the account tables (information_schema.COLUMNS)",
            "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.COLUMNS"
            f" WHERE TABLE_SCHEMA = 'mysql' AND TABLE_NAME IN ({tables})"
            " ORDER BY TABLE_NAME, ORDINAL_POSITION",
        )
        layout: dict[str, list[str]] = defaultdict(list)
        if not isinstance(found, Unresolved):
            for table, column in found.rows:
                layout[_text(table).lower()].append(_text(column))
        if "user" in layout:
            return layout
        common = ["User", "Host", "plugin", "authentication_string", *_COMMON_PRIVILEGE_COLUMNS]
        if flavor.mariadb:
            return {
                "user": [*common, "Password", "is_role"],
                "global_priv": ["Host", "User", "Priv"],
                "roles_mapping": ["Host", "User", "Role"],
            }
        return {"user": [*common, "account_locked"], "role_edges": ["FROM_HOST"]}

    def accounts(
        self, flavor: _Flavor, layout: Mapping[str, Sequence[str]]
    ) -> tuple[tuple[Role, ...] | Unresolved, _Names, list[_Held]]:
        """Accounts and roles with their memberships, and their global privileges."""
        columns = set(layout["user"])
        privileges = [name for name in layout["user"] if name.endswith("_priv")]
        no_password = "u.authentication_string = ''"
        if "Password" in columns:
            no_password += " AND COALESCE(u.Password, '') = ''"
        join = ""
        if "account_locked" in columns:
            locked_sql = "u.account_locked = 'Y'"
        elif "global_priv" in layout:
            # MariaDB 10.4+ keeps the lock only in global_priv's JSON (true reads as 1).
            locked_sql = "COALESCE(JSON_VALUE(g.Priv, '$.account_locked'), '') IN ('1', 'true')"
            join = " LEFT JOIN mysql.global_priv g ON g.User = u.User AND g.Host = u.Host"
        else:
            locked_sql = "0"
        if "is_role" in columns:
            role_sql = "u.is_role = 'Y'"
        elif "role_edges" in layout:
            # MySQL 8 roles are locked accounts without a password that are granted to others.
            role_sql = (
                "u.account_locked = 'Y' AND u.authentication_string = '' AND EXISTS (SELECT 1 "
                "FROM mysql.role_edges e WHERE e.FROM_USER = u.User AND e.FROM_HOST = u.Host)"
            )
        else:
            role_sql = "0"
        select = ", ".join(
            [
                "u.User",
                "u.Host",
                "u.plugin",
                f"({no_password}) AS no_password",
                f"({locked_sql}) AS locked",
                f"({role_sql}) AS is_role",
                *(f"u.{_quote(name)}" for name in privileges),
            ]
        )
        users = self.session.read(
            "accounts, roles and global privileges (mysql.user)",
            f"SELECT {select} FROM mysql.user u{join}",
        )
        if "roles_mapping" in layout:
            members = self.session.read(
                "role memberships (mysql.roles_mapping)",
                "SELECT User, Host, Role, '' FROM mysql.roles_mapping",
            )
        elif "role_edges" in layout:
            members = self.session.read(
                "role memberships (mysql.role_edges)",
                "SELECT TO_USER, TO_HOST, FROM_USER, FROM_HOST FROM mysql.role_edges",
            )
        else:
            members = _Rows((), ())
        if isinstance(users, Unresolved):
            return users, _Names(flavor.mariadb), []
        rows = users.dicts()
        names = _Names(
            flavor.mariadb,
            frozenset((_text(r["User"]), _text(r["Host"])) for r in rows if r["is_role"]),
        )
        held: list[_Held] = []
        for row in rows:
            grantee = names.of(_text(row["User"]), _text(row["Host"]))
            held.extend(
                _Held(grantee, _privilege_name(column), "global")
                for column in privileges
                if _text(row[column]).upper() == "Y"
            )
        if isinstance(members, Unresolved):
            return members, names, held
        member_of: dict[str, set[str]] = defaultdict(set)
        for user, host, role, role_host in members.rows:
            member_of[names.of(_text(user), _text(host))].add(
                names.of(_text(role), _text(role_host))
            )
        roles = []
        for row in rows:
            user, host = _text(row["User"]), _text(row["Host"])
            name = names.of(user, host)
            if name == PUBLIC:
                continue
            is_role = bool(row["is_role"])
            plugin = _text(row["plugin"])
            if is_role:
                password = None
            elif row["no_password"] and plugin in _PASSWORD_PLUGINS:
                password = "empty"
            else:
                password = plugin or "mysql_native_password"
            roles.append(
                Role(
                    name=name,
                    # A role granted to an account is the account's whenever it chooses to
                    # (SET ROLE, default roles), so memberships count as inherited.
                    login=not is_role and not row["locked"],
                    superuser=_text(row.get("Super_priv")).upper() == "Y",
                    create_role=_text(row.get("Create_user_priv")).upper() == "Y",
                    member_of=tuple(sorted(member_of.get(name, ()))),
                    password=password,
                    user=user,
                    host=None if is_role else host,
                    is_role=is_role,
                )
            )
        return tuple(sorted(roles, key=lambda role: role.name)), names, held

    def grants(
        self, names: _Names, roles: tuple[Role, ...] | Unresolved, held_global: list[_Held]
    ) -> tuple[tuple[Grant, ...] | Unresolved, list[_Held]]:
        """Grants on the server, schemas, tables, columns and routines, one query each."""
        session = self.session
        # Every schema grant is read: its database name is a pattern, matched below.
        schemas = session.read("schema privileges (mysql.db)", "SELECT * FROM mysql.db")
        scope = self.in_scope("Db")
        tables = session.read(
            "table privileges (mysql.tables_priv)",
            "SELECT User, Host, Db, Table_name, Table_priv, Grantor FROM mysql.tables_priv"
            f" WHERE {scope}",
        )
        columns = session.read(
            "column privileges (mysql.columns_priv)",
            "SELECT User, Host, Db, Table_name, Column_name, Column_priv FROM mysql.columns_priv"
            f" WHERE {scope}",
        )
        routines = session.read(
            "routine privileges (mysql.procs_priv)",
            "SELECT User, Host, Db, Routine_name, Proc_priv, Grantor FROM mysql.procs_priv"
            f" WHERE {scope}",
        )
        if isinstance(roles, Unresolved):
            return roles, []
        if isinstance(schemas, Unresolved):
            return schemas, []
        if isinstance(tables, Unresolved):
            return tables, []
        if isinstance(columns, Unresolved):
            return columns, []
        if isinstance(routines, Unresolved):
            return routines, []
        grants: list[Grant] = []
        held = list(held_global)
        grant_option = {h.grantee for h in held_global if h.privilege == "GRANT OPTION"}
        grants.extend(
            Grant(h.grantee, h.privilege, "global", "*", grantable=h.grantee in grant_option)
            for h in held_global
        )
        for row in schemas.dicts():
            grantee = names.of(_text(row["User"]), _text(row["Host"]))
            pattern = _text(row["Db"])
            privileges = [
                _privilege_name(name)
                for name, value in row.items()
                if name.endswith("_priv") and _text(value).upper() == "Y"
            ]
            grantable = "GRANT OPTION" in privileges
            shown = self.options.all_databases or _schema_matches(pattern, self.database)
            for privilege in privileges:
                held.append(_Held(grantee, privilege, "schema", pattern))
                if not shown:
                    continue
                grants.append(
                    Grant(
                        grantee,
                        privilege,
                        "schema",
                        f"schema:{_literal_schema(pattern)}",
                        grantable=grantable,
                    )
                )

        def members(value: Any) -> list[str]:
            return [_privilege_name(item) for item in _text(value).split(",") if item]

        for user, host, schema, table, privilege_set, grantor in tables.rows:
            grantee = names.of(_text(user), _text(host))
            privileges = members(privilege_set)
            for privilege in privileges:
                held.append(_Held(grantee, privilege, "table", _text(schema), _text(table)))
                grants.append(
                    Grant(
                        grantee,
                        privilege,
                        "table",
                        f"{_text(schema)}.{_text(table)}",
                        grantor=names.of_definer(_text(grantor)) if grantor else "",
                        grantable="GRANT OPTION" in privileges,
                    )
                )
        for user, host, schema, table, column, privilege_set in columns.rows:
            grantee = names.of(_text(user), _text(host))
            for privilege in members(privilege_set):
                key = (_text(schema), _text(table), _text(column))
                held.append(_Held(grantee, privilege, "column", *key))
                grants.append(Grant(grantee, privilege, "column", ".".join(key)))
        for user, host, schema, routine, privilege_set, grantor in routines.rows:
            grantee = names.of(_text(user), _text(host))
            privileges = members(privilege_set)
            for privilege in privileges:
                held.append(_Held(grantee, privilege, "routine", _text(schema), _text(routine)))
                grants.append(
                    Grant(
                        grantee,
                        privilege,
                        "function",
                        f"{_text(schema)}.{_text(routine)}()",
                        grantor=names.of_definer(_text(grantor)) if grantor else "",
                        grantable="GRANT OPTION" in privileges,
                    )
                )
        order = sorted(set(grants), key=lambda g: (g.object_type, g.object, g.grantee, g.privilege))
        return tuple(order), held

    # -- catalog -------------------------------------------------------------------------

    def relations(self, names: _Names) -> tuple[Relation, ...] | Unresolved:
        """Tables and views of the DSN's database (of every database but the system ones with
        `all_databases`), with their columns in order."""
        excluded = ", ".join(f"'{schema}'" for schema in SYSTEM_SCHEMAS)
        found = self.session.read(
            "tables and views (information_schema.TABLES, VIEWS)",
            "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, t.TABLE_TYPE, v.DEFINER, v.SECURITY_TYPE"
            " FROM information_schema.TABLES t LEFT JOIN information_schema.VIEWS v"
            " ON v.TABLE_SCHEMA = t.TABLE_SCHEMA AND v.TABLE_NAME = t.TABLE_NAME"
            f" WHERE t.TABLE_SCHEMA NOT IN ({excluded}) AND {self.in_scope('t.TABLE_SCHEMA')}"
            " AND t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW')",
        )
        columns = self.session.read(
            "columns (information_schema.COLUMNS)",
            "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, DATA_TYPE"
            f" FROM information_schema.COLUMNS WHERE TABLE_SCHEMA NOT IN ({excluded})"
            f" AND {self.in_scope('TABLE_SCHEMA')}"
            " ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION",
        )
        if isinstance(found, Unresolved):
            return found
        if isinstance(columns, Unresolved):
            return columns
        by_relation: dict[tuple[str, str], list[Column]] = defaultdict(list)
        for schema, table, name, column_type, data_type in columns.rows:
            by_relation[(_text(schema), _text(table))].append(
                Column(
                    _text(name),
                    _text(column_type),
                    text_like=_text(data_type).lower() in _TEXT_TYPES,
                )
            )
        relations = []
        for schema, table, table_type, definer, security_type in found.rows:
            key = (_text(schema), _text(table))
            view = _text(table_type) == "VIEW"
            relations.append(
                Relation(
                    schema=key[0],
                    name=key[1],
                    kind="view" if view else "table",
                    owner=names.of_definer(_text(definer)) if view and definer else "",
                    columns=tuple(by_relation.get(key, ())),
                    security_invoker=_text(security_type).upper() == "INVOKER" if view else None,
                )
            )
        return tuple(sorted(relations, key=lambda relation: relation.address))

    def functions(self, flavor: _Flavor, names: _Names) -> tuple[Function, ...] | Unresolved:
        """Stored functions and procedures of the DSN's database (of every database but the
        system ones with `all_databases`).

        information_schema.ROUTINES lists only the routines the account may itself run or
        alter, unless it may read them all, so an empty list would say nothing. MariaDB and
        MySQL 5.7 keep them in mysql.proc, read directly so that a denied read says so; MySQL 8
        has no such table, so whether the account sees every routine is asked alongside.
        """
        excluded = ", ".join(f"'{schema}'" for schema in SYSTEM_SCHEMAS)
        rows: Iterable[tuple[Any, ...]]
        if flavor.mariadb or flavor.version < (8, 0):
            found = self.session.read(
                "functions and procedures (mysql.proc)",
                "SELECT db, name, definer, security_type FROM mysql.proc"
                f" WHERE db NOT IN ({excluded}) AND {self.in_scope('db')}",
                denied="without SELECT on mysql.proc the server shows only the routines this "
                "account may itself run or alter, so they cannot all be listed",
            )
            if isinstance(found, Unresolved):
                return found
            rows = found.rows
        else:
            what = "functions and procedures (information_schema.ROUTINES)"
            found = self.session.read(
                what,
                "SELECT r.ROUTINE_SCHEMA, r.ROUTINE_NAME, r.DEFINER, r.SECURITY_TYPE, v.sees_all"
                f" FROM (SELECT {_SEES_EVERY_ROUTINE} AS sees_all) v"
                " LEFT JOIN information_schema.ROUTINES r ON r.ROUTINE_SCHEMA NOT IN"
                f" ({excluded}) AND {self.in_scope('r.ROUTINE_SCHEMA')}",
            )
            if isinstance(found, Unresolved):
                return found
            if not all(row[4] for row in found.rows):
                return Unresolved(
                    f"{what} on {self.session.server}",
                    "the account holds neither SHOW_ROUTINE nor SELECT on *.* itself, so the "
                    "server shows only the routines it may run or alter: they cannot all be "
                    "listed",
                )
            rows = [row[:4] for row in found.rows if row[1] is not None]
        functions = {
            Function(
                schema=_text(schema),
                name=_text(name),
                arguments="",
                owner=names.of_definer(_text(definer)),
                security_definer=_text(security_type).upper() == "DEFINER",
                language="SQL",
            )
            for schema, name, definer, security_type in rows
        }
        return tuple(sorted(functions, key=lambda function: function.address))

    def settings(self) -> dict[str, str | Unresolved | None]:
        """The server variables controls read; None for those this server does not have."""
        wanted = ", ".join(f"'{name}'" for name in SETTINGS)
        found = self.session.read(
            "server variables (SHOW GLOBAL VARIABLES)",
            f"SHOW GLOBAL VARIABLES WHERE Variable_name IN ({wanted})",
        )
        if isinstance(found, Unresolved):
            return dict.fromkeys(SETTINGS, found)
        values = {_text(name).lower(): _text(value) for name, value in found.rows}
        return {name: values.get(name) for name in SETTINGS}

    def audit(self, settings: Mapping[str, str | Unresolved | None]) -> Audit | Unresolved:
        """Whether an audit plugin is active and logging."""
        found = self.session.read(
            "audit plugins (information_schema.PLUGINS)",
            "SELECT PLUGIN_NAME, PLUGIN_STATUS FROM information_schema.PLUGINS"
            " WHERE PLUGIN_TYPE = 'AUDIT'",
        )
        if isinstance(found, Unresolved):
            return found
        plugins = {_text(name).upper(): _text(status).upper() for name, status in found.rows}
        listed = ", ".join(f"{name} {status}" for name, status in sorted(plugins.items()))
        seen = f"audit plugins: {listed}" if listed else "no audit plugin is installed"
        reasons: list[str] = []
        if plugins.get("SERVER_AUDIT") == "ACTIVE":
            logging = settings.get("server_audit_logging")
            if isinstance(logging, Unresolved):
                return logging
            if (logging or "").upper() == "ON":
                return Audit(
                    True, f"SERVER_AUDIT is active and server_audit_logging is ON ({seen})"
                )
            reasons.append(
                f"SERVER_AUDIT is active but server_audit_logging is {logging or 'unset'}"
            )
        if plugins.get("AUDIT_LOG") == "ACTIVE":
            policy = settings.get("audit_log_policy")
            if isinstance(policy, Unresolved):
                return policy
            if (policy or "").upper() != "NONE":
                return Audit(True, f"audit_log is active, audit_log_policy {policy or 'default'}")
            reasons.append("audit_log is active but audit_log_policy is NONE")
        return Audit(False, "; ".join([*reasons, seen]))

    # -- what follows --------------------------------------------------------------------

    def untrusted(self, flavor: _Flavor, roles: tuple[Role, ...] | Unresolved) -> tuple[str, ...]:
        """PUBLIC where it exists, the anonymous accounts, then the configured accounts and
        roles (by user name at any host, or by `user@host`)."""
        found = [PUBLIC] if flavor.public else []
        if isinstance(roles, Unresolved):
            return tuple(found)
        configured = set(self.options.untrusted_roles)
        found.extend(role.name for role in roles if role.user == "" and not role.is_role)
        found.extend(
            role.name
            for role in roles
            if role.user != "" and (role.user in configured or role.name in configured)
        )
        return tuple(dict.fromkeys(found))

    def missing_untrusted(self, roles: tuple[Role, ...]) -> list[str]:
        """The untrusted accounts and roles that must exist (named by the user or a preset)
        and match nothing on the server, by user name or `user@host`."""
        from adapters.db.presets import untrusted_roles

        known = {role.name for role in roles} | {role.user for role in roles if role.user}
        return [name for name in untrusted_roles(self.options)[1] if name not in known]

    def access(
        self,
        flavor: _Flavor,
        untrusted: Sequence[str],
        roles: tuple[Role, ...] | Unresolved,
        held: list[_Held],
        grants: tuple[Grant, ...] | Unresolved,
        relations: tuple[Relation, ...] | Unresolved,
        functions: tuple[Function, ...] | Unresolved,
    ) -> tuple[Access, ...] | Unresolved:
        """The effective privileges of the untrusted accounts, from their own grants, those of
        the roles granted to them (transitively) and those of PUBLIC."""
        if isinstance(roles, Unresolved):
            return roles
        if isinstance(grants, Unresolved):
            return grants
        if isinstance(relations, Unresolved):
            return relations
        missing = self.missing_untrusted(roles)
        if missing:
            # Checking the others would pass what the misspelt account can reach unlooked at.
            return Unresolved(
                "effective privileges of the untrusted accounts",
                f"no account or role named {', '.join(missing)} on this server "
                "(--untrusted-role or --preset)",
            )
        # Without the routines no function resource exists to need their access, and the
        # tables' access is whole all the same.
        routines = () if isinstance(functions, Unresolved) else functions
        parents = {role.name: role.member_of for role in roles}
        found: set[Access] = set()
        for name in untrusted:
            holders = _closure(name, parents)
            if flavor.public:
                holders.add(PUBLIC)
            holdings = _holdings(held, holders)
            for relation in relations:
                schema_level = holdings.on_schema(relation.schema)
                table = ("table", relation.schema, relation.name)
                found.update(
                    Access(name, relation.address, privilege)
                    for privilege in _TABLE_ACCESS
                    if holdings.holds(privilege, schema_level, table)
                )
                found.update(
                    Access(name, f"{relation.address}.{column.name}", privilege)
                    for column in relation.columns
                    for privilege in _COLUMN_ACCESS
                    if privilege in holdings.objects.get(("column", *table[1:], column.name), set())
                )
            for function in routines:
                routine = ("routine", function.schema, function.name.lower())
                schema_level = holdings.on_schema(function.schema)
                if function.security_definer and holdings.holds("EXECUTE", schema_level, routine):
                    found.add(Access(name, function.address, "EXECUTE"))
        return tuple(sorted(found, key=lambda a: (a.role, a.object, a.privilege)))

    def samples(
        self, relations: tuple[Relation, ...] | Unresolved
    ) -> dict[str, Sample | Unresolved]:
        """Card numbers stored in clear in the chosen columns: counts and masks, never values."""
        choose = self.options.sample_column
        limit = self.options.sample_rows
        if choose is None or limit <= 0 or isinstance(relations, Unresolved):
            return {}
        samples: dict[str, Sample | Unresolved] = {}
        for relation in relations:
            if relation.kind != "table":
                continue
            chosen = [column for column in relation.columns if choose(relation, column)]
            if chosen:
                samples.update(self.sample(relation, chosen, limit))
        return samples

    def sample(
        self, relation: Relation, columns: Sequence[Column], limit: int
    ) -> dict[str, Sample | Unresolved]:
        """One query reading up to `limit` rows of the chosen columns of one table."""
        select = ", ".join(f"CAST({_quote(column.name)} AS CHAR)" for column in columns)
        found = self.session.read(
            f"a sample of {relation.address}",
            f"SELECT {select} FROM {_quote(relation.schema)}.{_quote(relation.name)}"
            f" LIMIT {int(limit)}",
            counted=False,
        )
        addresses = [f"{relation.address}.{column.name}" for column in columns]
        if isinstance(found, Unresolved):
            return dict.fromkeys(addresses, found)
        samples: dict[str, Sample | Unresolved] = {}
        for index, address in enumerate(addresses):
            with_cards = 0
            examples: list[str] = []
            for row in found.rows:
                masked = masked_card_numbers(_text(row[index]))
                with_cards += bool(masked)
                for number in masked:
                    if number not in examples:
                        examples.append(number)
            samples[address] = Sample(len(found.rows), with_cards, tuple(examples[:3]))
        return samples


def _closure(name: str, parents: Mapping[str, Iterable[str]]) -> set[str]:
    """`name` and every role granted to it, directly or through other roles."""
    found = {name}
    pending = list(parents.get(name, ()))
    while pending:
        role = pending.pop()
        if role not in found:
            found.add(role)
            pending.extend(parents.get(role, ()))
    return found


def _holdings(held: Iterable[_Held], holders: set[str]) -> _Holdings:
    """What `holders` hold together, by level."""
    holdings = _Holdings()
    for item in held:
        if item.grantee not in holders:
            continue
        if item.level == "global":
            holdings.everywhere.add(item.privilege)
        elif item.level == "schema":
            holdings.schemas.append((item.schema, item.privilege))
        elif item.level == "table":
            holdings.objects[("table", item.schema, item.name)].add(item.privilege)
        elif item.level == "column":
            holdings.objects[("column", item.schema, item.name, item.column)].add(item.privilege)
        else:
            # Routine names are not case-sensitive.
            holdings.objects[("routine", item.schema, item.name.lower())].add(item.privilege)
    return holdings
