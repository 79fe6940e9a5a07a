"""PostgreSQL: the catalog read with psycopg 3 in one read-only transaction.

Each part of the catalog (roles, relations, policies, grants, ...) is one query, run in its own
savepoint: a denied query leaves only its part `Unresolved`, and a connection lost midway leaves
every part not yet read `Unresolved`. The number of queries does not grow with the number of
objects, except for sampling, which reads each sampled table once when it is asked for.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from adapters.db.catalog import (
    PUBLIC,
    Access,
    Audit,
    Catalog,
    Column,
    Constraint,
    DefaultPrivilege,
    Function,
    Grant,
    Index,
    Policy,
    Relation,
    Role,
    Sample,
)
from adapters.db.engine import CollectOptions, DatabaseError, Dsn, Engine, ShadowDatabase
from adapters.db.presets import intended_powers, untrusted_roles
from checker.models import Unresolved
from checker.redaction import MASK, masked_card_numbers, redact_text

if TYPE_CHECKING:
    import psycopg
    from psycopg import sql

T = TypeVar("T")
Rows = list[tuple[Any, ...]]

#: The settings read into `Catalog.settings`, in this order.
SETTINGS = (
    "ssl",
    "password_encryption",
    "log_connections",
    "log_disconnections",
    "log_line_prefix",
    "shared_preload_libraries",
    "pgaudit.log",
)

RELATION_KINDS = {
    "r": "table",
    "p": "partitioned_table",
    "v": "view",
    "m": "materialized_view",
    "f": "foreign_table",
}
_DEFAULT_ACL_OBJECT_TYPES = {
    "r": "table",
    "S": "sequence",
    "f": "function",
    "T": "type",
    "n": "schema",
}
_SAMPLED_KINDS = ("table", "partitioned_table", "materialized_view")
# Tables sampled per transaction: each holds a lock on what it read until it ends.
_SAMPLE_BATCH = 200
# PostgreSQL's boolean spellings (parse_bool), for reloptions such as security_invoker.
_TRUE = ("t", "tr", "tru", "true", "y", "ye", "yes", "on", "1")

_USER_SCHEMA = (
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
    " AND n.nspname !~ '^pg_(toast_)?temp_'"
)
_RELKINDS = "('r', 'p', 'v', 'm', 'f')"
# Functions created by an extension are the extension's business, and many.
_OWN_FUNCTION = (
    "p.prokind <> 'a' AND NOT EXISTS (SELECT FROM pg_depend e"
    " WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid AND e.deptype = 'e')"
)
_GRANTEE = "CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee)::text END"
_FUNCTION_ADDRESS = (
    "n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'"
)

_SERVER = "SELECT current_setting('server_version'), current_user::text"

_ROLES = """
SELECT r.rolname, r.rolcanlogin, r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolinherit,
       ARRAY(SELECT g.rolname::text FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
             WHERE m.member = r.oid ORDER BY 1),
       CASE WHEN r.rolvaliduntil IS NULL OR r.rolvaliduntil = 'infinity' THEN NULL
            ELSE to_char(r.rolvaliduntil AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"')
       END
FROM pg_roles r
ORDER BY r.rolname
"""

# Only the kind of hash leaves the server, never the hash. pg_authid is the only place it is
# kept (pg_roles and pg_user show '********' for every role), and only superusers may read it.
_PASSWORDS = """
SELECT rolname,
       CASE WHEN rolpassword IS NULL THEN 'none'
            WHEN rolpassword = '' THEN 'empty'
            WHEN left(rolpassword, 3) = 'md5' THEN 'md5'
            WHEN left(rolpassword, 14) = 'SCRAM-SHA-256$' THEN 'scram-sha-256'
            ELSE 'other'
       END
FROM pg_authid
"""
_NEEDS_SUPERUSER = "needs superuser"
# What PostgresEngine.permissions grants the scanner (pg_monitor includes it): a role set up
# that way cannot be let read pg_authid short of superuser, which is not least privilege.
_SCANNER_GRANT = "pg_read_all_settings"
_PASSWORD_HIDDEN = (
    "how passwords are stored is kept in pg_authid, which PostgreSQL shows to superusers only; "
    "the least-privilege scanner does not see it (scan as a superuser to check it)"
)

_RELATIONS = f"""
SELECT n.nspname, c.relname, c.relkind::text, pg_get_userbyid(c.relowner),
       c.relrowsecurity, c.relforcerowsecurity, c.reloptions,
       coalesce((
           SELECT json_agg(json_build_array(
                      a.attname,
                      format_type(a.atttypid, a.atttypmod),
                      -- Whether a card number can hide in its values read as text: strings,
                      -- JSON documents, numbers kept exactly, and arrays of them.
                      coalesce(b.typname, t.typname)
                          IN ('text', 'varchar', 'bpchar', 'name', 'citext', 'json', 'jsonb',
                              'numeric', '_text', '_varchar', '_bpchar', '_name', '_citext',
                              '_json', '_jsonb', '_numeric'))
                  ORDER BY a.attnum)
           FROM pg_attribute a
           JOIN pg_type t ON t.oid = a.atttypid
           LEFT JOIN pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype
           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       ), '[]'::json),
       ARRAY(SELECT DISTINCT dn.nspname || '.' || dc.relname
             FROM pg_rewrite w
             JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
             JOIN pg_class dc ON dc.oid = d.refobjid
             JOIN pg_namespace dn ON dn.oid = dc.relnamespace
             WHERE w.ev_class = c.oid AND w.ev_type = '1' AND c.relkind IN ('v', 'm')
             ORDER BY 1)
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN {_RELKINDS} AND {_USER_SCHEMA}
ORDER BY n.nspname, c.relname
"""

_POLICIES = f"""
SELECT n.nspname || '.' || c.relname, p.polname,
       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT' WHEN 'w' THEN 'UPDATE'
                     WHEN 'd' THEN 'DELETE' WHEN '*' THEN 'ALL' ELSE p.polcmd::text END,
       ARRAY(SELECT CASE WHEN r.role = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(r.role)::text END
             FROM unnest(p.polroles) WITH ORDINALITY r(role, i) ORDER BY r.i),
       pg_get_expr(p.polqual, p.polrelid),
       pg_get_expr(p.polwithcheck, p.polrelid),
       p.polpermissive
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE {_USER_SCHEMA}
ORDER BY 1, 2
"""

# Objects without an ACL have the default one (acldefault), which is what the server applies:
# for functions, that includes EXECUTE for PUBLIC. GRANT ... ON TABLE covers partitioned tables
# too, so their grants say "table".
_GRANTS = f"""
SELECT g.grantee, g.privilege, g.object_type, g.object, g.grantor, g.grantable
FROM (
    SELECT {_GRANTEE} AS grantee, a.privilege_type AS privilege,
           CASE c.relkind WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
                          WHEN 'm' THEN 'materialized_view' WHEN 'f' THEN 'foreign_table'
                          ELSE 'table' END AS object_type,
           n.nspname || '.' || c.relname AS object,
           pg_get_userbyid(a.grantor)::text AS grantor, a.is_grantable AS grantable, a.i
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL aclexplode(coalesce(
        c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)
    )) WITH ORDINALITY a(grantor, grantee, privilege_type, is_grantable, i)
    WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND {_USER_SCHEMA}
  UNION ALL
    SELECT {_GRANTEE}, a.privilege_type, 'column',
           n.nspname || '.' || c.relname || '.' || t.attname,
           pg_get_userbyid(a.grantor)::text, a.is_grantable, a.i
    FROM pg_attribute t
    JOIN pg_class c ON c.oid = t.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL aclexplode(t.attacl)
        WITH ORDINALITY a(grantor, grantee, privilege_type, is_grantable, i)
    WHERE t.attacl IS NOT NULL AND t.attnum > 0 AND NOT t.attisdropped AND {_USER_SCHEMA}
  UNION ALL
    SELECT {_GRANTEE}, a.privilege_type, 'schema', 'schema:' || n.nspname,
           pg_get_userbyid(a.grantor)::text, a.is_grantable, a.i
    FROM pg_namespace n
    CROSS JOIN LATERAL aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner)))
        WITH ORDINALITY a(grantor, grantee, privilege_type, is_grantable, i)
    WHERE {_USER_SCHEMA}
  UNION ALL
    SELECT {_GRANTEE}, a.privilege_type, 'function', {_FUNCTION_ADDRESS},
           pg_get_userbyid(a.grantor)::text, a.is_grantable, a.i
    FROM pg_proc p
    JOIN pg_namespace n ON n.oid = p.pronamespace
    CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner)))
        WITH ORDINALITY a(grantor, grantee, privilege_type, is_grantable, i)
    WHERE {_USER_SCHEMA} AND {_OWN_FUNCTION}
) g
ORDER BY g.object_type, g.object, g.grantee, g.i
"""

_FUNCTIONS = f"""
SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
       pg_get_userbyid(p.proowner), p.prosecdef,
       (SELECT substr(s, 13) FROM unnest(p.proconfig) s
        WHERE starts_with(s, 'search_path=') LIMIT 1),
       l.lanname
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE {_USER_SCHEMA} AND {_OWN_FUNCTION}
ORDER BY 1, 2, 3
"""

_CONSTRAINT_KINDS = {
    "p": "primary key",
    "f": "foreign key",
    "u": "unique",
    "c": "check",
    "x": "exclusion",
}

# Constraints of the relations assaymark lists; NOT NULL lives in columns, not here.
_CONSTRAINTS = f"""
SELECT n.nspname || '.' || c.relname, k.conname, k.contype::text, pg_get_constraintdef(k.oid)
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype IN ('p', 'f', 'u', 'c', 'x') AND c.relkind IN {_RELKINDS} AND {_USER_SCHEMA}
ORDER BY 1, 2
"""

_INDEXES = f"""
SELECT n.nspname || '.' || c.relname, i.relname, pg_get_indexdef(x.indexrelid)
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class c ON c.oid = x.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN {_RELKINDS} AND {_USER_SCHEMA}
ORDER BY 1, 2
"""

# Where a tracker table named without its schema is: the search path is pinned to the catalog,
# so the table is looked up, `public` first.
_TRACKER_SCHEMAS = f"""
SELECT n.nspname
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relname = %s AND c.relkind IN ('r', 'p', 'v') AND {_USER_SCHEMA}
  AND (%s::text IS NULL OR n.nspname = %s)
ORDER BY n.nspname <> 'public', 1
"""

_DEFAULT_PRIVILEGES = f"""
SELECT pg_get_userbyid(d.defaclrole),
       CASE WHEN d.defaclnamespace = 0 THEN NULL ELSE n.nspname END,
       d.defaclobjtype::text,
       {_GRANTEE},
       array_agg(a.privilege_type ORDER BY a.i)
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL aclexplode(d.defaclacl)
    WITH ORDINALITY a(grantor, grantee, privilege_type, is_grantable, i)
GROUP BY d.oid, d.defaclrole, d.defaclnamespace, n.nspname, d.defaclobjtype, a.grantee
ORDER BY 1, 2 NULLS FIRST, 3, min(a.i)
"""

# Effective privileges as the server decides them (memberships, PUBLIC, ownership, superuser).
# An object is reachable only through its schema, so USAGE on the schema is required as well.
_ACCESS_TABLES = f"""
SELECT u.role, n.nspname || '.' || c.relname, p.privilege
FROM unnest(%s::text[]) WITH ORDINALITY u(role, i)
CROSS JOIN pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) WITH ORDINALITY p(privilege, j)
WHERE c.relkind IN {_RELKINDS} AND {_USER_SCHEMA}
  AND has_schema_privilege(u.role, n.oid, 'USAGE')
  AND has_table_privilege(u.role, c.oid, p.privilege)
ORDER BY u.i, n.nspname, c.relname, p.j
"""

# Only columns with their own grants: table-level privileges already cover the others.
_ACCESS_COLUMNS = f"""
SELECT u.role, n.nspname || '.' || c.relname || '.' || t.attname, p.privilege
FROM unnest(%s::text[]) WITH ORDINALITY u(role, i)
CROSS JOIN pg_attribute t
JOIN pg_class c ON c.oid = t.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN unnest(ARRAY['SELECT', 'UPDATE']) WITH ORDINALITY p(privilege, j)
WHERE t.attacl IS NOT NULL AND t.attnum > 0 AND NOT t.attisdropped
  AND c.relkind IN {_RELKINDS} AND {_USER_SCHEMA}
  AND has_schema_privilege(u.role, n.oid, 'USAGE')
  AND has_column_privilege(u.role, c.oid, t.attnum, p.privilege)
ORDER BY u.i, n.nspname, c.relname, t.attnum, p.j
"""

_ACCESS_FUNCTIONS = f"""
SELECT u.role, {_FUNCTION_ADDRESS}, 'EXECUTE'
FROM unnest(%s::text[]) WITH ORDINALITY u(role, i)
CROSS JOIN pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE p.prosecdef AND {_USER_SCHEMA} AND {_OWN_FUNCTION}
  AND has_schema_privilege(u.role, n.oid, 'USAGE')
  AND has_function_privilege(u.role, p.oid, 'EXECUTE')
ORDER BY u.i, 2
"""

# pg_settings leaves out the settings this role may not see (superuser-only ones, such as
# shared_preload_libraries, without pg_read_all_settings), where current_setting() would fail
# the whole query; such a setting is unresolved rather than undefined.
_SETTINGS = """
SELECT w.name,
       CASE WHEN s.name IS NOT NULL THEN current_setting(w.name) END,
       s.name IS NULL AND NOT pg_has_role('pg_read_all_settings', 'USAGE')
FROM unnest(%s::text[]) WITH ORDINALITY w(name, i)
LEFT JOIN pg_settings s ON s.name = w.name
ORDER BY w.i
"""

# search_path: catalog functions cannot be shadowed by objects in the scanned database, and
# expressions and types print the same whatever the connecting role's own search_path is.
# row_security: a sample of a table under row-level security is either whole or an error,
# never the rows the policies happen to let through.
_CONFIGURE = """
SELECT set_config('statement_timeout', %s, true),
       set_config('lock_timeout', %s, true),
       set_config('search_path', 'pg_catalog, pg_temp', true),
       set_config('row_security', 'off', true)
"""


def connection_keywords(dsn: Dsn) -> dict[str, Any]:
    """The libpq keywords a connection string gives: port, user, password and its parameters
    (which override what assaymark sets)."""
    keywords: dict[str, Any] = {}
    if dsn.port is not None:
        keywords["port"] = dsn.port
    if dsn.user:
        keywords["user"] = dsn.user
    if dsn.password is not None:
        keywords["password"] = dsn.password
    keywords.update(dsn.params)
    return keywords


class PostgresEngine(Engine):
    """Reads a PostgreSQL database's catalog (PostgreSQL 11 or later; views' security_invoker
    from 15)."""

    name = "postgresql"
    schemes = ("postgresql", "postgres")
    permissions: ClassVar[tuple[str, ...]] = (
        "-- A login role of its own; its password comes from PGPASSWORD or PGPASSFILE.",
        "CREATE ROLE assaymark LOGIN;",
        "-- superuser-only settings such as shared_preload_libraries (pgaudit):",
        "GRANT pg_read_all_settings TO assaymark;",
        "-- How role passwords are stored (MD5 or SCRAM) is in pg_authid, which only superusers",
        "-- may read: with the grant above, the check of each role's hash is not applicable (the",
        "-- password_encryption setting is still checked); scan as a superuser to check it.",
        "-- Only for --sample (reading rows to look for card numbers stored in clear):",
        "-- GRANT pg_read_all_data TO assaymark;",
        "-- and, to sample tables under row-level security: ALTER ROLE assaymark BYPASSRLS;",
    )

    def __init__(
        self, *, statement_timeout: float | None = None, connect_timeout: float | None = None
    ) -> None:
        """Timeouts given here (in seconds) override those of the collect options."""
        self.statement_timeout = statement_timeout
        self.connect_timeout = connect_timeout

    def throwaway(
        self, server: Dsn, roles: Sequence[Role], options: CollectOptions
    ) -> AbstractContextManager[ShadowDatabase]:
        """A throwaway database on the shadow server (see adapters.db.postgres_shadow)."""
        from adapters.db.postgres_shadow import throwaway

        return throwaway(server, [role.name for role in roles], options.connect_timeout)

    def collect(self, dsn: Dsn, options: CollectOptions) -> Catalog:
        """Read the catalog in one read-only transaction; never writes, never raises for what
        the server does (refusing, denying, disconnecting)."""
        try:
            import psycopg
            from psycopg.conninfo import make_conninfo
        except ImportError as exc:
            raise DatabaseError(
                "PostgreSQL needs the psycopg driver: pip install 'psycopg[binary]'"
            ) from exc
        secrets = tuple(secret for secret in (dsn.password, dsn.params.get("password")) if secret)
        if self.statement_timeout is not None:
            options = replace(options, statement_timeout=self.statement_timeout)
        if self.connect_timeout is not None:
            options = replace(options, connect_timeout=self.connect_timeout)
        # libpq takes whole seconds and waits at least 2.
        connect_seconds = max(2, math.ceil(options.connect_timeout))
        keywords: dict[str, Any] = {
            "host": dsn.host,
            "dbname": dsn.database,
            "connect_timeout": connect_seconds,
            "application_name": "assaymark",
            # A server host that vanishes while a query runs would otherwise be waited for
            # as long as the system's keepalive settings say (two hours by default); a server
            # that is up stops a slow query itself (statement_timeout).
            "keepalives": 1,
            "keepalives_idle": max(1, math.ceil(options.statement_timeout)),
            "keepalives_interval": max(1, math.ceil(options.statement_timeout / 4)),
            "keepalives_count": 3,
        }
        keywords.update(connection_keywords(dsn))
        try:
            conninfo = make_conninfo("", **keywords)
        except psycopg.Error as exc:
            raise DatabaseError(f"connection string {dsn}: {_describe(exc, secrets)}") from exc
        where = f"PostgreSQL server {dsn.server}, database {dsn.database}"
        try:
            connection = psycopg.connect(conninfo)
        except psycopg.Error as exc:
            reason = _describe(exc, secrets)
            if isinstance(exc, psycopg.errors.ConnectionTimeout):
                reason = (
                    f"timed out, {dsn.server} did not answer within {connect_seconds} s ({reason})"
                )
            return Catalog.unreachable(
                self.name,
                dsn.server,
                dsn.database,
                Unresolved(where, f"could not connect: {reason}"),
            )
        try:
            connection.read_only = True
            # One snapshot for every query, so the parts agree with each other.
            connection.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            session = _Session(connection, dsn.server, secrets)
            catalog: Catalog | None = None
            try:
                with connection.transaction():
                    session.configure(options.statement_timeout)
                    catalog = self._read(session, dsn, options)
                    # Nothing was written, so nothing is committed either.
                    raise psycopg.Rollback()
            except psycopg.Rollback:
                # Re-raised when the connection was lost: the catalog already says so.
                pass
            except psycopg.Error as exc:
                if catalog is None:
                    why = f"the connection was lost: {_describe(exc, secrets)}"
                    return Catalog.unreachable(
                        self.name, dsn.server, dsn.database, Unresolved(where, why)
                    )
            if catalog is None:
                raise AssertionError("the catalog is read before the transaction ends")
            return self._sampled(connection, session, catalog, options)
        finally:
            connection.close()

    def _sampled(
        self,
        connection: psycopg.Connection[Any],
        session: _Session,
        catalog: Catalog,
        options: CollectOptions,
    ) -> Catalog:
        """The catalog with its samples. Reading a table locks it until the transaction ends,
        and a server holds only so many locks (max_locks_per_transaction), so the tables are
        sampled in short read-only transactions of their own, a batch at a time."""
        import psycopg

        relations = catalog.relations
        if isinstance(relations, Unresolved) or not options.sample_rows:
            return catalog
        samples: dict[str, Sample | Unresolved] = {}
        for start in range(0, len(relations), _SAMPLE_BATCH):
            batch = relations[start : start + _SAMPLE_BATCH]
            try:
                with connection.transaction():
                    session.configure(options.statement_timeout)
                    samples.update(_samples(session, batch, options))
                    raise psycopg.Rollback()
            except psycopg.Rollback:
                pass
            except psycopg.Error as exc:
                # The batch's samples are not to be trusted: each says the connection was lost.
                session.lose(exc)
                samples.update(_samples(session, batch, options))
        return replace(catalog, samples=samples, queries=session.queries)

    def _read(self, session: _Session, dsn: Dsn, options: CollectOptions) -> Catalog:
        server = session.rows("server version and current user", _SERVER)
        version: str | Unresolved = server if isinstance(server, Unresolved) else server[0][0]
        user: str | Unresolved = server if isinstance(server, Unresolved) else server[0][1]
        roles = _roles(
            session.rows("roles (pg_roles, pg_auth_members)", _ROLES),
            session.rows(
                "how role passwords are stored (pg_authid)", _PASSWORDS, denied=_NEEDS_SUPERUSER
            ),
            user,
            options,
        )
        relations = _parts(
            session.rows("tables, views and their columns (pg_class, pg_attribute)", _RELATIONS),
            _relation,
        )
        policies = _parts(
            session.rows("row-level security policies (pg_policy)", _POLICIES), _policy
        )
        grants = _parts(
            session.rows(
                "privileges granted on tables, columns, schemas and functions (aclexplode)",
                _GRANTS,
            ),
            _grant,
        )
        functions = _parts(session.rows("functions (pg_proc)", _FUNCTIONS), _function)
        default_privileges = _parts(
            session.rows("default privileges (pg_default_acl)", _DEFAULT_PRIVILEGES),
            _default_privilege,
        )
        constraints = _parts(session.rows("constraints (pg_constraint)", _CONSTRAINTS), _constraint)
        indexes = _parts(session.rows("indexes (pg_index)", _INDEXES), _index)
        tracker: tuple[tuple[Any, ...], ...] | Unresolved | None = None
        tracker_table = None
        if options.tracker is not None:
            tracker_table, tracker = _tracker(session, *options.tracker)
        settings = _settings(
            session.rows("server settings (pg_settings)", _SETTINGS, [list(SETTINGS)])
        )
        untrusted, access = _access(session, roles, options)
        return Catalog(
            engine=self.name,
            server=dsn.server,
            database=dsn.database,
            version=version,
            current_user=user,
            roles=roles,
            relations=relations,
            policies=policies,
            grants=grants,
            functions=functions,
            default_privileges=default_privileges,
            access=access,
            settings=settings,
            audit=_audit(settings),
            untrusted_roles=untrusted,
            queries=session.queries,
            constraints=constraints,
            indexes=indexes,
            tracker=tracker,
            tracker_table=tracker_table,
        )


class _Session:
    """The read-only transaction: each query in its own savepoint, counted; once the connection
    is lost, every later part is unresolved without another try."""

    def __init__(
        self, connection: psycopg.Connection[Any], server: str, secrets: tuple[str, ...]
    ) -> None:
        self._connection = connection
        self._server = server
        self._secrets = secrets
        self.queries = 0
        self._lost: str | None = None

    def configure(self, statement_timeout: float) -> None:
        """Bound every query's time (and its wait for a lock, which would otherwise be a
        mysterious timeout), pin the search path, and keep samples whole."""
        import psycopg

        statement = max(1, round(statement_timeout * 1000))
        lock = min(statement, 5000)
        try:
            self._connection.execute(_CONFIGURE, (f"{statement}ms", f"{lock}ms"))
        except psycopg.Error as exc:
            self._lost = f"the read-only transaction could not be set up: {self.describe(exc)}"

    def rows(
        self,
        what: str,
        query: str | sql.Composed,
        params: Sequence[Any] | None = None,
        denied: str = "",
    ) -> Rows | Unresolved:
        """The rows a query returns, or why they could not be read (`denied` prefixes the
        reason when permission was denied)."""
        import psycopg

        if self._lost is not None:
            return Unresolved(what, self._lost)
        self.queries += 1
        try:
            with self._connection.transaction():
                return self._connection.execute(query, params).fetchall()
        except psycopg.Error as exc:
            if self._connection.broken or self._connection.closed:
                self._lost = (
                    f"the connection to {self._server} was lost during collection: "
                    f"{self.describe(exc)}"
                )
                return Unresolved(what, self._lost)
            reason = self.describe(exc)
            if denied and isinstance(exc, psycopg.errors.InsufficientPrivilege):
                reason = f"{denied}: {reason}"
            return Unresolved(what, reason)

    def lose(self, exc: Exception) -> None:
        """The connection failed outside a query: every later part is unresolved."""
        self._lost = self._lost or (
            f"the connection to {self._server} was lost during collection: {self.describe(exc)}"
        )

    def describe(self, exc: Exception) -> str:
        """An error's class and message, on one line, without the password."""
        return _describe(exc, self._secrets)


def _describe(exc: Exception, secrets: tuple[str, ...]) -> str:
    diag = getattr(exc, "diag", None)
    message = getattr(diag, "message_primary", None) or str(exc)
    message = " ".join(message.split())
    for secret in secrets:
        message = message.replace(secret, MASK)
    return redact_text(f"{type(exc).__name__}: {message}")


def _parts(
    rows: Rows | Unresolved, make: Callable[[tuple[Any, ...]], T]
) -> tuple[T, ...] | Unresolved:
    return rows if isinstance(rows, Unresolved) else tuple(make(row) for row in rows)


def _roles(
    rows: Rows | Unresolved,
    passwords: Rows | Unresolved,
    current_user: str | Unresolved,
    options: CollectOptions,
) -> tuple[Role, ...] | Unresolved:
    if isinstance(rows, Unresolved):
        return rows
    hidden = _password_hidden(rows, passwords, current_user)
    stored: dict[str, str] = {} if isinstance(passwords, Unresolved) else dict(passwords)
    return tuple(
        Role(
            name=name,
            login=login,
            superuser=superuser,
            bypass_rls=bypass_rls,
            create_role=create_role,
            inherit=inherit,
            member_of=tuple(member_of),
            password=(
                None
                if hidden
                else passwords
                if isinstance(passwords, Unresolved)
                else stored.get(name)
            ),
            valid_until=valid_until,
            intended_powers=intended_powers(options, name),
            password_hidden=hidden,
        )
        for name, login, superuser, bypass_rls, create_role, inherit, member_of, valid_until in rows
    )


def _password_hidden(
    rows: Rows, passwords: Rows | Unresolved, current_user: str | Unresolved
) -> str | None:
    """Why password storage is not shown, when a scanner set up with the least-privilege
    grants was refused pg_authid; None when it was read, or refused to a role set up otherwise
    (whose missing rights stay errors, as every other part's do)."""
    denied = isinstance(passwords, Unresolved) and passwords.reason.startswith(
        f"{_NEEDS_SUPERUSER}: InsufficientPrivilege"
    )
    if not denied or isinstance(current_user, Unresolved):
        return None
    memberships = {row[0]: (row[5], tuple(row[6])) for row in rows}
    seen, queue = {current_user}, [current_user]
    while queue:
        inherit, parents = memberships.get(queue.pop(), (False, ()))
        if not inherit:
            continue
        if _SCANNER_GRANT in parents:
            return _PASSWORD_HIDDEN
        fresh = [parent for parent in parents if parent not in seen]
        seen.update(fresh)
        queue.extend(fresh)
    return None


def _relation(row: tuple[Any, ...]) -> Relation:
    schema, name, relkind, owner, rls_enabled, rls_forced, reloptions, columns, reads = row
    security_invoker: bool | None = None
    if relkind == "v":
        security_invoker = False
        for option in reloptions or ():
            key, _, value = option.partition("=")
            if key == "security_invoker":
                security_invoker = value.strip().lower() in _TRUE
    return Relation(
        schema=schema,
        name=name,
        kind=RELATION_KINDS[relkind],
        owner=owner,
        columns=tuple(Column(column, data_type, bool(text)) for column, data_type, text in columns),
        rls_enabled=rls_enabled,
        rls_forced=rls_forced,
        security_invoker=security_invoker,
        reads=tuple(reads or ()),
    )


def _policy(row: tuple[Any, ...]) -> Policy:
    table, name, command, roles, using, with_check, permissive = row
    return Policy(table, name, command, tuple(roles), using, with_check, permissive)


def _grant(row: tuple[Any, ...]) -> Grant:
    grantee, privilege, object_type, address, grantor, grantable = row
    return Grant(grantee, privilege, object_type, address, grantor, grantable)


def _function(row: tuple[Any, ...]) -> Function:
    schema, name, arguments, owner, security_definer, search_path, language = row
    return Function(schema, name, arguments, owner, security_definer, search_path, language)


def _tracker(
    session: _Session, table: str, query: str
) -> tuple[str, tuple[tuple[Any, ...], ...] | Unresolved]:
    """The tracker table's address and rows; `query` names the table as `{table}`."""
    from psycopg import sql

    what = f"the migration tracker {table}"
    schema, _, name = table.rpartition(".")
    found = session.rows(what, _TRACKER_SCHEMAS, [name, schema or None, schema or None])
    if isinstance(found, Unresolved):
        return table, found
    if not found:
        where = f"schema {schema}" if schema else "any schema"
        return table, Unresolved(what, f"no table {name} in {where} of this database")
    address = f"{found[0][0]}.{name}"
    statement = sql.SQL(query).format(table=sql.Identifier(found[0][0], name))
    return address, _parts(session.rows(what, statement), tuple)


def _constraint(row: tuple[Any, ...]) -> Constraint:
    table, name, kind, definition = row
    return Constraint(table, name, _CONSTRAINT_KINDS.get(kind, kind), definition)


def _index(row: tuple[Any, ...]) -> Index:
    table, name, definition = row
    return Index(table, name, definition)


def _default_privilege(row: tuple[Any, ...]) -> DefaultPrivilege:
    owner, schema, objtype, grantee, privileges = row
    return DefaultPrivilege(
        owner=owner,
        schema=schema,
        object_type=_DEFAULT_ACL_OBJECT_TYPES.get(objtype, objtype),
        grantee=grantee,
        privileges=tuple(privileges),
    )


def _settings(rows: Rows | Unresolved) -> dict[str, str | Unresolved | None]:
    if isinstance(rows, Unresolved):
        return dict.fromkeys(SETTINGS, rows)
    settings: dict[str, str | Unresolved | None] = {}
    for name, value, hidden in rows:
        settings[name] = (
            Unresolved(
                f"server setting {name}",
                "not visible to this role: it needs pg_read_all_settings (or superuser)",
            )
            if hidden
            else value
        )
    return settings


def _audit(settings: Mapping[str, str | Unresolved | None]) -> Audit | Unresolved:
    libraries = settings.get("shared_preload_libraries")
    if isinstance(libraries, Unresolved):
        return libraries
    loaded = {
        library.strip().strip('"').rsplit("/", 1)[-1].lower()
        for library in (libraries or "").split(",")
    }
    if "pgaudit" not in loaded:
        return Audit(False, f"pgaudit is not in shared_preload_libraries ({libraries or 'empty'})")
    log = settings.get("pgaudit.log")
    if isinstance(log, Unresolved):
        return log
    if log is None or log.strip().lower() in ("", "none"):
        return Audit(
            False, f"pgaudit is in shared_preload_libraries, but pgaudit.log is {log or 'not set'}"
        )
    return Audit(True, f"pgaudit is in shared_preload_libraries and pgaudit.log = '{log}'")


def _access(
    session: _Session, roles: tuple[Role, ...] | Unresolved, options: CollectOptions
) -> tuple[tuple[str, ...], tuple[Access, ...] | Unresolved]:
    what = "effective privileges of the untrusted roles"
    if isinstance(roles, Unresolved):
        return (PUBLIC,), Unresolved(what, f"the roles could not be read: {roles.reason}")
    wanted, required = untrusted_roles(options)
    existing = {role.name for role in roles}
    untrusted = (PUBLIC, *dict.fromkeys(name for name in wanted if name in existing))
    missing = [name for name in required if name not in existing]
    if missing:
        # Checking the others would pass what the misspelt role can reach without a look.
        listed = ", ".join(missing)
        return untrusted, Unresolved(
            what, f"no role named {listed} on this server (--untrusted-role or --preset)"
        )
    # has_*_privilege() names PUBLIC in lower case.
    names = ["public" if name == PUBLIC else name for name in untrusted]
    found: list[Access] = []
    failure: Unresolved | None = None
    for part, query in (
        ("on tables and views (has_table_privilege)", _ACCESS_TABLES),
        ("on columns with their own grants (has_column_privilege)", _ACCESS_COLUMNS),
        ("EXECUTE on SECURITY DEFINER functions (has_function_privilege)", _ACCESS_FUNCTIONS),
    ):
        rows = session.rows(f"{what} {part}", query, [names])
        if isinstance(rows, Unresolved):
            failure = failure or rows
            continue
        found.extend(
            Access(PUBLIC if role == "public" else role, address, privilege)
            for role, address, privilege in rows
        )
    return untrusted, failure or tuple(found)


def _samples(
    session: _Session, relations: tuple[Relation, ...] | Unresolved, options: CollectOptions
) -> dict[str, Sample | Unresolved]:
    if options.sample_rows <= 0 or options.sample_column is None:
        return {}
    if isinstance(relations, Unresolved):
        return {}
    from psycopg import sql

    samples: dict[str, Sample | Unresolved] = {}
    for relation in relations:
        if relation.kind not in _SAMPLED_KINDS:
            continue
        columns = [column for column in relation.columns if options.sample_column(relation, column)]
        if not columns:
            continue
        query = sql.SQL("SELECT {columns} FROM {schema}.{table} LIMIT {limit}").format(
            columns=sql.SQL(", ").join(
                sql.SQL("{}::text").format(sql.Identifier(column.name)) for column in columns
            ),
            schema=sql.Identifier(relation.schema),
            table=sql.Identifier(relation.name),
            limit=sql.Literal(options.sample_rows),
        )
        rows = session.rows(f"a sample of {relation.address}", query)
        for index, column in enumerate(columns):
            address = f"{relation.address}.{column.name}"
            if isinstance(rows, Unresolved):
                samples[address] = Unresolved(f"a sample of {address}", rows.reason)
            else:
                samples[address] = _sample([row[index] for row in rows])
    return samples


def _sample(values: list[str | None]) -> Sample:
    pan_values = 0
    examples: list[str] = []
    for value in values:
        found = masked_card_numbers(value) if value else []
        if found:
            pan_values += 1
        for masked in found:
            if masked not in examples:
                examples.append(masked)
    return Sample(rows=len(values), pan_values=pan_values, examples=tuple(examples[:3]))
