"""What a database engine reads from its catalog, before it becomes resources.

Each engine (PostgreSQL, MySQL/MariaDB) fills a `Catalog` from a constant number of catalog
queries; `adapters.db.resources` turns it into the resources that controls check, the same
way for every engine. A part of the catalog that could not be read is an `Unresolved` naming
the query and why (a permission error, a dropped connection), so the checks that needed it
are `error`, never pass.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.models import Unresolved

#: The grantee name of grants to every role.
PUBLIC = "PUBLIC"


@dataclass(frozen=True)
class Role:
    """A role (PostgreSQL) or an account or role (MySQL/MariaDB).

    `name` is how grants and memberships name it: the role name in PostgreSQL, `user@host`
    for a MySQL/MariaDB account, the role name for a MariaDB/MySQL role.
    `password` says how the password is stored, never the password or its hash: `none`
    (no password), `empty`, `md5`, `scram-sha-256`, or the MySQL plugin name.
    """

    name: str
    login: bool
    superuser: bool = False
    bypass_rls: bool = False
    create_role: bool = False
    inherit: bool = True
    member_of: tuple[str, ...] = ()
    password: str | Unresolved | None = None
    valid_until: str | None = None
    user: str | None = None
    host: str | None = None
    is_role: bool = False
    #: Powers (`superuser`, `bypass_rls`, `create_role`) a platform preset gives it by design.
    intended_powers: tuple[str, ...] = ()
    #: Why how the password is stored is not shown to a least-privilege scanner, when it is not
    #: (then `password` is None): PostgreSQL shows it to superusers only.
    password_hidden: str | None = None


@dataclass(frozen=True)
class Column:
    """A column of a table or view."""

    name: str
    data_type: str
    #: Whether its values, read as text, can hold a card number: text, JSON documents, numbers
    #: and arrays of text (the columns `--sample` reads).
    text_like: bool = False


@dataclass(frozen=True)
class Relation:
    """A table, partitioned table, view, materialized view or foreign table."""

    schema: str
    name: str
    kind: str
    owner: str
    columns: tuple[Column, ...] = ()
    rls_enabled: bool = False
    rls_forced: bool = False
    #: Views: whether they run with the caller's rights (PostgreSQL 15+ `security_invoker`).
    security_invoker: bool | None = None
    #: Views: the relations (`schema.name`) they read.
    reads: tuple[str, ...] = ()

    @property
    def address(self) -> str:
        """`schema.name`."""
        return f"{self.schema}.{self.name}"


@dataclass(frozen=True)
class Policy:
    """A row-level-security policy."""

    table: str
    name: str
    command: str
    roles: tuple[str, ...]
    using: str | None
    with_check: str | None
    permissive: bool = True


@dataclass(frozen=True)
class Grant:
    """An explicit privilege granted to a role or to PUBLIC.

    `object` is an address: `schema.table`, `schema.table.column`, `schema.fn(args)`,
    `schema:NAME` for a schema (a MySQL database), `*` for the whole server.
    """

    grantee: str
    privilege: str
    object_type: str
    object: str
    grantor: str = ""
    grantable: bool = False


@dataclass(frozen=True)
class Function:
    """A function or procedure."""

    schema: str
    name: str
    arguments: str
    owner: str
    security_definer: bool
    search_path: str | None = None
    language: str = ""

    @property
    def address(self) -> str:
        """`schema.name(arguments)`."""
        return f"{self.schema}.{self.name}({self.arguments})"


@dataclass(frozen=True)
class DefaultPrivilege:
    """Privileges that objects a role creates later receive (`ALTER DEFAULT PRIVILEGES`)."""

    owner: str
    schema: str | None
    object_type: str
    grantee: str
    privileges: tuple[str, ...]


@dataclass(frozen=True)
class Access:
    """An effective privilege of an untrusted role (or PUBLIC), as the server decides it:
    through direct grants, group membership, PUBLIC, ownership or superuser status.

    `object` is a relation (`schema.table`), a column (`schema.table.column`) or a function.
    """

    role: str
    object: str
    privilege: str


@dataclass(frozen=True)
class Audit:
    """Whether the server writes an audit log, and what that verdict rests on."""

    enabled: bool
    detail: str


@dataclass(frozen=True)
class Sample:
    """What sampling a column's values found: counts and masked examples, never values."""

    rows: int
    pan_values: int
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class Constraint:
    """A table constraint: primary key, foreign key, unique, check or exclusion."""

    table: str
    name: str
    kind: str
    #: The definition as the server prints it (`PRIMARY KEY (id)`).
    definition: str


@dataclass(frozen=True)
class Index:
    """An index of a table or materialized view."""

    table: str
    name: str
    #: The definition as the server prints it (`CREATE INDEX ... USING btree (col)`).
    definition: str


@dataclass(frozen=True)
class Catalog:
    """Everything one database connection observed."""

    engine: str
    server: str
    database: str
    version: str | Unresolved
    current_user: str | Unresolved
    roles: tuple[Role, ...] | Unresolved
    relations: tuple[Relation, ...] | Unresolved
    policies: tuple[Policy, ...] | Unresolved
    grants: tuple[Grant, ...] | Unresolved
    functions: tuple[Function, ...] | Unresolved
    default_privileges: tuple[DefaultPrivilege, ...] | Unresolved
    #: Effective privileges of the untrusted roles that exist (PUBLIC included).
    access: tuple[Access, ...] | Unresolved
    settings: Mapping[str, str | Unresolved | None]
    audit: Audit | Unresolved
    #: The untrusted roles found on the server (PUBLIC first where the engine has it).
    untrusted_roles: tuple[str, ...] = ()
    #: Sampled columns by address (`schema.table.column`).
    samples: Mapping[str, Sample | Unresolved] = field(default_factory=dict)
    #: Catalog queries run, for the benchmark: constant however many objects exist.
    queries: int = 0
    #: Constraints and indexes; None where the engine does not read them.
    constraints: tuple[Constraint, ...] | Unresolved | None = None
    indexes: tuple[Index, ...] | Unresolved | None = None
    #: The rows of the migration tool's tracker table, when one was asked for.
    tracker: tuple[tuple[Any, ...], ...] | Unresolved | None = None
    #: The tracker table's address (`schema.table`), which the migrations do not create.
    tracker_table: str | None = None

    @property
    def unreachable_reason(self) -> Unresolved | None:
        """Why nothing could be read (the server was not reached), or None."""
        if isinstance(self.version, Unresolved) and isinstance(self.roles, Unresolved):
            return self.version
        return None

    @classmethod
    def derived(
        cls,
        engine: str,
        *,
        relations: tuple[Relation, ...],
        grants: tuple[Grant, ...],
        policies: tuple[Policy, ...] = (),
        functions: tuple[Function, ...] = (),
        default_privileges: tuple[DefaultPrivilege, ...] = (),
        constraints: tuple[Constraint, ...] | None = None,
        indexes: tuple[Index, ...] | None = None,
    ) -> Catalog:
        """A catalog of the objects migrations claim, parsed rather than read from a server:
        what only a server says of itself (version, roles, settings) is not known."""
        why = Unresolved("what migrations cannot say", "derived from the migrations' SQL")
        return cls(
            engine=engine,
            server="migrations",
            database="migrations",
            version=why,
            current_user=why,
            roles=why,
            relations=relations,
            policies=policies,
            grants=grants,
            functions=functions,
            default_privileges=default_privileges,
            access=why,
            settings={},
            audit=why,
            constraints=constraints,
            indexes=indexes,
        )

    @classmethod
    def unreachable(cls, engine: str, server: str, database: str, why: Unresolved) -> Catalog:
        """A catalog of which nothing could be read."""
        return cls(
            engine=engine,
            server=server,
            database=database,
            version=why,
            current_user=why,
            roles=why,
            relations=why,
            policies=why,
            grants=why,
            functions=why,
            default_privileges=why,
            access=why,
            settings={},
            audit=why,
        )
