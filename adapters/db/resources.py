"""From a database's `Catalog` to the resources controls check, the same for every engine.

Resource types (source `db`), addressed as docs/contracts.md names database objects:

- `db.server` (`database:NAME`): engine, version, connecting user, audit logging.
- `db.setting` (`setting:NAME`): one server setting and its value.
- `db.role` (`role:NAME`): attributes, memberships (direct and inherited), how the password is
  stored (or that a least-privilege scanner cannot see it), expiry, host (MySQL/MariaDB
  accounts), whether it is untrusted, and the powers a platform preset gives it by design.
- `db.schema` (`schema:NAME`): privileges granted to PUBLIC on it.
- `db.table` (`schema.table`, views too): kind, owner, row-level security and its policies
  (those open to untrusted roles, those that trust claims users edit themselves), sensitive
  columns, what untrusted roles may do with it and why, PUBLIC grants, and for views whether
  they bypass the row-level security of what they finally read.
- `db.column` (`schema.table.column`): sensitive, sampled, or granted column by column: its
  data class, the untrusted roles that can read every row of it and why, the sample's counts.
- `db.function` (`schema.name(args)`): SECURITY DEFINER, search_path, untrusted executors.
- `db.default_privilege`: privileges future objects receive, and what PUBLIC and the untrusted
  roles (directly or through a group role) get.
- `db.expectation` (`expect:KIND:OBJECT`): one line of the schema-drift expectations, whether
  it holds and what was found, located at its line in the expectations file.

A catalog part that could not be read leaves an `Unresolved` in the attributes that needed it,
or a stand-in resource (`table:*`) when nothing of that kind could be listed.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from adapters.db.catalog import (
    PUBLIC,
    Catalog,
    Column,
    DefaultPrivilege,
    Function,
    Grant,
    Policy,
    Relation,
    Role,
)
from adapters.db.drift import Expectations, check_expectations
from adapters.db.presets import POWERS
from adapters.db.sensitive import DataMap
from checker.models import Location, Resource, Unresolved
from checker.redaction import redact

SOURCE = "db"
# Resources whose address starts with the schema holding them (a MySQL database).
_IN_A_SCHEMA = frozenset({"db.table", "db.column", "db.function"})
_ALL = frozenset({"ALL", "ALL PRIVILEGES"})
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
_READ_COMMANDS = frozenset({"ALL", "SELECT"})
_TABLE_KINDS = frozenset({"table", "partitioned_table"})
_VIEW_KINDS = frozenset({"view", "materialized_view"})


def _unresolved_of(*parts: Any) -> Unresolved | None:
    return next((part for part in parts if isinstance(part, Unresolved)), None)


def _sorted_unique(items: Iterable[str]) -> list[str]:
    return sorted(set(items))


# -- policy expressions --------------------------------------------------------------------
# PostgreSQL prints a policy's expression in one form (pg_get_expr: functions qualified by their
# schema under the scan's pinned search path, casts spelled out); these read it lower-cased,
# with its whitespace collapsed.

_TRUE_LITERALS = frozenset({"true", "1 = 1", "'t'::boolean"})
# `(SELECT auth.uid())`, as Supabase advises writing it (evaluated once per query), is the call.
_SUBSELECT = re.compile(r"\( ?select (auth\.\w+\(\))(?: as \w+)? ?\)")
# True for every caller who signed in: anyone can sign up, so it binds no row to its caller.
_SIGNED_IN = re.compile(
    r"(?:auth\.(?:uid|jwt|role|email)\(\)|\(auth\.jwt\(\) ->> 'sub'::text\)) is not null"
)
_CALLER_ROLE = r"(?:auth\.role\(\)|\(auth\.jwt\(\) ->> 'role'::text\)|current_user|current_role)"
_ROLE_LITERAL = r"'((?:[^']|'')*)'::(?:text|name|character varying)"
_ROLE_IS = re.compile(rf"{_CALLER_ROLE} = {_ROLE_LITERAL}|{_ROLE_LITERAL} = {_CALLER_ROLE}")
_ROLE_IN = re.compile(rf"{_CALLER_ROLE} = any \(array\[(.*)\]\)")
# Supabase's user_metadata (auth.users.raw_user_meta_data) is written by the user themselves
# (auth.updateUser); app_metadata (raw_app_meta_data) is not.
_USER_EDITABLE_CLAIMS = re.compile(r"\b(?:raw_)?user_meta_?data\b", re.IGNORECASE)
_ALWAYS_TRUE = "always true"
_SIGNED_IN_USERS = "true for every signed-in user"


def _normalized(expression: str) -> str:
    text = " ".join(expression.split()).lower()
    return _unwrapped(_SUBSELECT.sub(r"\1", text))


def _outside(text: str) -> Iterable[tuple[int, int]]:
    """The index of each character outside quotes, and the parenthesis depth after it."""
    depth, quote = 0, ""
    for index, character in enumerate(text):
        if quote:
            quote = "" if character == quote else quote
            continue
        if character in "'\"":
            quote = character
            continue
        depth += {"(": 1, ")": -1}.get(character, 0)
        yield index, depth


def _unwrapped(text: str) -> str:
    """`text` without the parentheses around all of it."""
    while text.startswith("(") and text.endswith(")"):
        closes = next((index for index, depth in _outside(text) if depth == 0), -1)
        if closes != len(text) - 1:
            break
        text = text[1:-1].strip()
    return text


def _split(text: str, word: str) -> list[str]:
    """`text` split at ` word ` (`and`, `or`) outside parentheses and quotes."""
    token = f" {word} "
    parts, start = [], 0
    for index, depth in _outside(text):
        if depth == 0 and index >= start and text.startswith(token, index):
            parts.append(text[start:index])
            start = index + len(token)
    parts.append(text[start:])
    return [part.strip() for part in parts]


def _open_because(expression: str, role: str) -> str | None:
    """Why a policy expression holds for every row when `role` (or PUBLIC: any role) runs the
    query, or None when it may filter rows. Unknown forms may filter: only the forms known to
    bind no row to its caller count."""
    text = _normalized(expression)
    alternatives = _split(text, "or")
    if len(alternatives) > 1:
        return next(filter(None, (_open_because(part, role) for part in alternatives)), None)
    conditions = _split(text, "and")
    if len(conditions) > 1:
        reasons = [_open_because(part, role) for part in conditions]
        if not all(reasons):
            return None
        return next((reason for reason in reasons if reason != _ALWAYS_TRUE), _ALWAYS_TRUE)
    if text in _TRUE_LITERALS:
        return _ALWAYS_TRUE
    if _SIGNED_IN.fullmatch(text):
        return _SIGNED_IN_USERS
    named: set[str] = set()
    if match := _ROLE_IS.fullmatch(text):
        named = {match.group(1) if match.group(1) is not None else match.group(2)}
    elif match := _ROLE_IN.fullmatch(text):
        named = set(re.findall(_ROLE_LITERAL, match.group(1)))
    if role.lower() in {name.replace("''", "'") for name in named}:
        return f"true for every caller acting as {role}"
    return None


def _trusts_user_editable_claims(policy: Policy) -> bool:
    return any(
        _USER_EDITABLE_CLAIMS.search(expression)
        for expression in (policy.using, policy.with_check)
        if expression is not None
    )


@dataclass(frozen=True)
class _Memberships:
    """Who is a member of whom, with inheritance, for explaining how a privilege is reached."""

    parents: Mapping[str, tuple[str, ...]]
    inherits: Mapping[str, bool]

    @classmethod
    def of(cls, roles: Sequence[Role]) -> _Memberships:
        return cls(
            {role.name: role.member_of for role in roles},
            {role.name: role.inherit for role in roles},
        )

    def path_to(self, role: str, group: str) -> list[str] | None:
        """The chain of memberships from `role` to `group` (both included), if any."""
        if role == group:
            return [role]
        seen = {role}
        queue: deque[list[str]] = deque([[role]])
        while queue:
            path = queue.popleft()
            if not self.inherits.get(path[-1], True):
                continue
            for parent in self.parents.get(path[-1], ()):
                if parent in seen:
                    continue
                if parent == group:
                    return [*path, parent]
                seen.add(parent)
                queue.append([*path, parent])
        return None

    def closure(self, role: str) -> list[str]:
        """Every role `role` is a member of, directly or through others."""
        found: list[str] = []
        queue = deque(self.parents.get(role, ()))
        while queue:
            parent = queue.popleft()
            if parent in found or parent == role:
                continue
            found.append(parent)
            queue.extend(self.parents.get(parent, ()))
        return found


class _Builder:
    """Builds the resources of one catalog."""

    def __init__(
        self, catalog: Catalog, data_map: DataMap, expectations: Expectations | None
    ) -> None:
        self.catalog = catalog
        self.data_map = data_map
        self.expectations = expectations
        self.namespace = f"{catalog.server}/{catalog.database}"
        roles = catalog.roles if not isinstance(catalog.roles, Unresolved) else ()
        self.roles = {role.name: role for role in roles}
        self.memberships = _Memberships.of(roles)
        self.untrusted = catalog.untrusted_roles
        self.grants_by_object: dict[str, list[Grant]] = defaultdict(list)
        if not isinstance(catalog.grants, Unresolved):
            for grant in catalog.grants:
                self.grants_by_object[grant.object].append(grant)
        self.access: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        if not isinstance(catalog.access, Unresolved):
            for item in catalog.access:
                self.access[item.object][item.role].add(item.privilege)
        self.policies: dict[str, list[Policy]] = defaultdict(list)
        if not isinstance(catalog.policies, Unresolved):
            for policy in catalog.policies:
                self.policies[policy.table].append(policy)
        relations = catalog.relations if not isinstance(catalog.relations, Unresolved) else ()
        self.relations = {relation.address: relation for relation in relations}
        self.seen: dict[tuple[str, str], tuple[bool, str] | Unresolved] = {}

    # -- helpers -------------------------------------------------------------------------

    def resource(self, resource_type: str, address: str, attributes: Mapping[str, Any]) -> Resource:
        return Resource(
            source=SOURCE,
            type=resource_type,
            address=address,
            attributes=redact({"engine": self.catalog.engine, **attributes}),
            location=self.location(resource_type, address),
            namespace=self.namespace,
        )

    def location(self, resource_type: str, address: str) -> Location:
        """Where a resource is: roles and accounts belong to the whole server; a MySQL object
        to the database (schema) it is in, which `--all-databases` makes other than the
        DSN's."""
        where: dict[str, Any] = {"engine": self.catalog.engine, "server": self.catalog.server}
        if resource_type == "db.role":
            where["scope"] = "server"
            return Location(extra=where)
        database = self.catalog.database
        if resource_type in _IN_A_SCHEMA and self.catalog.engine in ("mysql", "mariadb"):
            database = address.split(".", 1)[0] or database
        where["database"] = database
        return Location(extra=where)

    def stand_in(self, resource_type: str, kind: str, why: Unresolved) -> Resource:
        """When a kind of object could not be listed: every check on it is `error`."""
        return replace(self.resource(resource_type, f"{kind}:*", {}), unresolved=why)

    def via(self, role: str, privilege: str, chain: Sequence[str], owner: str = "") -> str:
        """How `role` holds `privilege` on the first object of `chain` (object, then parents)."""
        if isinstance(self.catalog.grants, Unresolved):
            return "the grants could not be read"
        for obj in chain:
            for grant in self.grants_by_object.get(obj, ()):
                if grant.privilege.upper() not in _ALL | {privilege}:
                    continue
                on = f"{grant.privilege} on {obj}"
                if grant.grantee == role:
                    return f"granted {on} to {role}"
                if grant.grantee == PUBLIC:
                    return f"granted {on} to PUBLIC"
                path = self.memberships.path_to(role, grant.grantee)
                if path is not None:
                    through = f" through {' -> '.join(path[1:-1])}" if len(path) > 2 else ""
                    return f"granted {on} to {grant.grantee}, which {role} is a member of{through}"
        if owner and (owner == role or self.memberships.path_to(role, owner)):
            return f"{role} owns it" if owner == role else f"{role} is a member of owner {owner}"
        held = self.roles.get(role)
        if held is not None and held.superuser:
            return f"{role} is a superuser"
        return "an effective privilege with no explicit grant found"

    def object_access(self, address: str) -> dict[str, set[str]] | Unresolved:
        if isinstance(self.catalog.access, Unresolved):
            return self.catalog.access
        return self.access.get(address, {})

    def bypasses_rls(self, role: str, relation: Relation) -> bool:
        held = self.roles.get(role)
        if held is not None and (held.superuser or held.bypass_rls):
            return True
        owns = relation.owner == role or bool(self.memberships.path_to(role, relation.owner))
        return owns and not relation.rls_forced

    def applies_to(self, policy: Policy, role: str) -> bool:
        if PUBLIC in policy.roles or role in policy.roles:
            return True
        return any(self.memberships.path_to(role, name) for name in policy.roles)

    def open_because(self, policy: Policy, role: str) -> str | None:
        """Why `policy` lets `role` see every row it covers, or None when it may filter them."""
        if policy.using is None:
            return None
        because = _open_because(policy.using, role)
        if because is None:
            return None
        if because == _ALWAYS_TRUE and _normalized(policy.using) in _TRUE_LITERALS:
            return f"policy {policy.name} is USING (true)"
        return f"policy {policy.name} is {because}: USING ({policy.using})"

    def restricting(self, policy: Policy, role: str, command: str) -> Policy | None:
        """A RESTRICTIVE policy that filters, for `role` and `command`, the rows `policy` opens:
        PostgreSQL shows a row when one permissive policy and every restrictive one passes."""
        for other in self.policies.get(policy.table, ()):
            if other.permissive or other.command not in ("ALL", command):
                continue
            # A restrictive policy without USING (only WITH CHECK) does not filter reads.
            if other.using is None or not self.applies_to(other, role):
                continue
            if self.open_because(other, role) is None:
                return other
        return None

    def opens_rows(self, policy: Policy, role: str) -> bool:
        """Whether a permissive policy lets `role` see every row its command covers."""
        return (
            policy.permissive
            and self.applies_to(policy, role)
            and self.open_because(policy, role) is not None
            and self.restricting(policy, role, policy.command) is None
        )

    def rows_seen(
        self, role: str, relation: Relation, through: frozenset[str] = frozenset()
    ) -> tuple[bool, str] | Unresolved:
        """Whether `role` reading `relation` sees every row, and why; unresolved when the
        policies that decide it could not be read. A view is judged by what it finally reads,
        through the views it reads, with the rights each view runs with."""
        key = (role, relation.address)
        if key not in self.seen:
            self.seen[key] = self._rows_seen(role, relation, through | {relation.address})
        return self.seen[key]

    def _rows_seen(
        self, role: str, relation: Relation, through: frozenset[str]
    ) -> tuple[bool, str] | Unresolved:
        if relation.kind == "materialized_view":
            guarded = self.guarded_reads(relation)
            if guarded:
                return True, f"the view bypasses the row-level security of {', '.join(guarded)}"
            return True, "no row-level security applies to it"
        if relation.kind == "view":
            return self.view_rows_seen(role, relation, through)
        if not relation.rls_enabled:
            return True, "row-level security is off"
        if self.bypasses_rls(role, relation):
            return True, f"{role} bypasses row-level security"
        if isinstance(self.catalog.policies, Unresolved):
            return Unresolved(
                f"the row-level security policies of {relation.address}",
                self.catalog.policies.reason,
            )
        for policy in self.policies.get(relation.address, ()):
            if policy.command not in _READ_COMMANDS or not policy.permissive:
                continue
            if not self.applies_to(policy, role):
                continue
            because = self.open_because(policy, role)
            if because is None:
                continue
            restrictive = self.restricting(policy, role, "SELECT")
            if restrictive is not None:
                return False, f"rows filtered by restrictive policy {restrictive.name}"
            return True, because
        return False, "rows filtered by row-level security"

    def view_rows_seen(
        self, role: str, view: Relation, through: frozenset[str]
    ) -> tuple[bool, str] | Unresolved:
        """Whether `role` reading a view sees every row of the sensitive data it reads."""
        # A view without security_invoker reads with its owner's rights, policies included.
        reader = role if view.security_invoker else view.owner
        reads = [
            self.relations[name]
            for name in view.reads
            if name in self.relations and name not in through
        ]
        if not reads:
            return True, "no row-level security applies to it"
        # Every row of a lookup table holding nothing sensitive exposes nothing.
        candidates = [read for read in reads if self.holds_sensitive(read)] or reads
        undecided: Unresolved | None = None
        for read in candidates:
            seen = self.rows_seen(reader, read, through)
            if isinstance(seen, Unresolved):
                undecided = undecided or seen
                continue
            every_row, why = seen
            if not every_row:
                continue
            if read.kind in _VIEW_KINDS:
                return True, f"through {read.address}: {why}"
            if read.rls_enabled and reader != role and self.bypasses_rls(reader, read):
                return True, f"the view bypasses the row-level security of {read.address}"
            return True, f"it reads {read.address}, where {why}"
        if undecided is not None:
            return undecided
        return False, "rows filtered by the row-level security of what it reads"

    def holds_sensitive(self, relation: Relation, through: frozenset[str] = frozenset()) -> bool:
        """Whether a relation holds sensitive columns, or (a view) reads a relation that does."""
        if any(self.data_map.classify(relation, c)[0] is not None for c in relation.columns):
            return True
        return relation.kind in _VIEW_KINDS and any(
            self.holds_sensitive(self.relations[name], through | {relation.address})
            for name in relation.reads
            if name in self.relations and name not in through
        )

    def rls_reads(
        self, relation: Relation, reader: str | None, through: frozenset[str]
    ) -> list[tuple[str, bool]]:
        """The row-level-secured tables a view finally reads, through the views it reads, each
        with whether its row-level security is bypassed. `reader` is the role whose rights
        apply (a view owner's), None while they are the caller's."""
        found: list[tuple[str, bool]] = []
        for name in relation.reads:
            read = self.relations.get(name)
            if read is None or name in through:
                continue
            inside = through | {name}
            if read.kind == "materialized_view":
                # A copy made with its owner's rights: none of what it holds is filtered.
                found.extend((table, True) for table, _ in self.rls_reads(read, None, inside))
            elif read.kind == "view":
                inner = reader if read.security_invoker else read.owner
                found.extend(self.rls_reads(read, inner, inside))
            elif read.rls_enabled:
                found.append((name, reader is not None and self.bypasses_rls(reader, read)))
        return found

    def final_rls_reads(self, relation: Relation) -> list[tuple[str, bool]]:
        """`rls_reads` of a view or materialized view as its readers see it."""
        inside = frozenset({relation.address})
        if relation.kind == "materialized_view":
            return [(table, True) for table, _ in self.rls_reads(relation, None, inside)]
        reader = None if relation.security_invoker else relation.owner
        return self.rls_reads(relation, reader, inside)

    def guarded_reads(self, relation: Relation) -> list[str]:
        """The row-level-secured tables a view finally reads."""
        return list(dict.fromkeys(table for table, _ in self.final_rls_reads(relation)))

    def bypassed_reads(self, relation: Relation) -> list[str]:
        """The tables whose row-level security a view does not apply: a materialized view
        never does; a view without security_invoker runs as its owner, who may bypass it."""
        return list(
            dict.fromkeys(table for table, bypassed in self.final_rls_reads(relation) if bypassed)
        )

    def chain(self, relation: Relation, column: str | None = None) -> list[str]:
        objects = [relation.address, f"schema:{relation.schema}", "*"]
        return [f"{relation.address}.{column}", *objects] if column else objects

    # -- resources -----------------------------------------------------------------------

    def server(self) -> Resource:
        audit = self.catalog.audit
        attributes: dict[str, Any] = {
            "version": self.catalog.version,
            "current_user": self.catalog.current_user,
            "untrusted_roles": list(self.untrusted),
        }
        if isinstance(audit, Unresolved):
            attributes["audit_logging"] = audit
        else:
            attributes["audit_logging"] = audit.enabled
            attributes["audit_detail"] = audit.detail
        return self.resource("db.server", f"database:{self.catalog.database}", attributes)

    def settings(self) -> list[Resource]:
        if not self.catalog.settings:
            why = _unresolved_of(self.catalog.version) or Unresolved(
                "server settings", "no setting was collected"
            )
            return [self.stand_in("db.setting", "setting", why)]
        return [
            # Keyed `setting`, not `name`: redaction masks the value of an entry whose `name`
            # looks like a secret, and `password_encryption` only names an algorithm.
            self.resource("db.setting", f"setting:{name}", {"setting": name, "value": value})
            for name, value in self.catalog.settings.items()
        ]

    def role(self, role: Role) -> Resource:
        host = role.host
        attributes = {
            "name": role.name,
            "user": role.user if role.user is not None else role.name,
            "host": host,
            "login": role.login,
            "is_role": role.is_role,
            "superuser": role.superuser,
            "bypass_rls": role.bypass_rls,
            "create_role": role.create_role,
            "inherit": role.inherit,
            "member_of": list(role.member_of),
            "member_of_all": self.memberships.closure(role.name),
            "auth_method": role.password,
            # PostgreSQL shows how passwords are stored to superusers only: a least-privilege
            # scan says so rather than guess.
            "password_storage_hidden": role.password_hidden is not None,
            "valid_until": role.valid_until,
            "anonymous": role.user == "",
            "any_host": host == "%",
            "remote": host is not None and host not in _LOCAL_HOSTS,
            "untrusted": role.name in self.untrusted,
            "intended_powers": [power for power in POWERS if power in role.intended_powers],
        }
        return self.resource("db.role", f"role:{role.name}", attributes)

    def roles_(self) -> list[Resource]:
        if isinstance(self.catalog.roles, Unresolved):
            return [self.stand_in("db.role", "role", self.catalog.roles)]
        return [self.role(role) for role in self.catalog.roles]

    def public_privileges(self, objects: Iterable[str]) -> list[str] | Unresolved:
        if isinstance(self.catalog.grants, Unresolved):
            return self.catalog.grants
        return _sorted_unique(
            grant.privilege
            for obj in objects
            for grant in self.grants_by_object.get(obj, ())
            if grant.grantee == PUBLIC
        )

    def schemas(self) -> list[Resource]:
        if isinstance(self.catalog.grants, Unresolved):
            return [self.stand_in("db.schema", "schema", self.catalog.grants)]
        names = {r.schema for r in self.relations.values()}
        names.update(
            name.removeprefix("schema:")
            for name in self.grants_by_object
            if name.startswith("schema:")
        )
        return [
            self.resource(
                "db.schema",
                f"schema:{name}",
                {"name": name, "public_privileges": self.public_privileges([f"schema:{name}"])},
            )
            for name in sorted(names)
        ]

    def table(self, relation: Relation) -> list[Resource]:
        classified = {
            column.name: self.data_map.classify(relation, column) for column in relation.columns
        }
        sensitive = {name: found for name, found in classified.items() if found[0] is not None}
        access = self.object_access(relation.address)
        policies = self.policies.get(relation.address, [])
        attributes: dict[str, Any] = {
            "schema": relation.schema,
            "name": relation.name,
            "kind": relation.kind,
            "owner": relation.owner,
            "columns": [column.name for column in relation.columns],
            "sensitive": bool(sensitive),
            "classifications": _sorted_unique(str(found[0]) for found in sensitive.values()),
            "sensitive_columns": sorted(sensitive),
            "rls_enabled": relation.rls_enabled,
            "rls_forced": relation.rls_forced,
            "public_privileges": self.public_privileges(
                [relation.address, *(f"{relation.address}.{c.name}" for c in relation.columns)]
            ),
        }
        if isinstance(self.catalog.policies, Unresolved):
            why = self.catalog.policies
            attributes["policies"] = attributes["open_policies"] = why
            attributes["user_editable_claim_policies"] = why
        else:
            attributes["policies"] = [_describe_policy(p) for p in policies]
            attributes["open_policies"] = [
                _describe_policy(p)
                for p in policies
                if any(self.opens_rows(p, role) for role in self.untrusted)
            ]
            attributes["user_editable_claim_policies"] = [
                _describe_policy(p) for p in policies if _trusts_user_editable_claims(p)
            ]
        if isinstance(access, Unresolved):
            attributes["untrusted_access"] = attributes["untrusted_readers"] = access
        else:
            attributes["untrusted_access"] = [
                f"{role} can {privilege} {relation.address} "
                f"({self.via(role, privilege, self.chain(relation), relation.owner)})"
                for role, privileges in sorted(access.items())
                for privilege in sorted(privileges)
            ]
            attributes["untrusted_readers"] = sorted(
                role for role, privileges in access.items() if "SELECT" in privileges
            )
        if relation.kind in _VIEW_KINDS:
            attributes.update(
                security_invoker=relation.security_invoker,
                reads=list(relation.reads),
                reads_rls_tables=self.guarded_reads(relation),
                bypasses_rls=bool(self.bypassed_reads(relation)),
            )
        resources = [self.resource("db.table", relation.address, attributes)]
        for column in relation.columns:
            found = self.column(relation, column, sensitive.get(column.name))
            if found is not None:
                resources.append(found)
        return resources

    def column(
        self, relation: Relation, column: Column, classified: tuple[str | None, str] | None
    ) -> Resource | None:
        address = f"{relation.address}.{column.name}"
        sample = self.catalog.samples.get(address)
        column_access = self.object_access(address)
        if classified is None and sample is None and not column_access:
            return None
        attributes: dict[str, Any] = {
            "table": relation.address,
            "name": column.name,
            "data_type": column.data_type,
            "classification": classified[0] if classified else None,
            "classified_by": classified[1] if classified else None,
            "sensitive": classified is not None,
            "sampled": sample is not None,
        }
        if isinstance(sample, Unresolved):
            attributes["sample"] = sample
        elif sample is not None:
            attributes["sample"] = {
                "rows": sample.rows,
                "pan_values": sample.pan_values,
                "examples": list(sample.examples),
            }
        table_access = self.object_access(relation.address)
        why = _unresolved_of(table_access, column_access)
        if why is not None:
            attributes["exposed_to"] = why
            return self.resource("db.column", address, attributes)
        assert not isinstance(table_access, Unresolved)
        assert not isinstance(column_access, Unresolved)
        exposed = []
        undecided: Unresolved | None = None
        for role in self.untrusted:
            if "SELECT" not in table_access.get(role, set()) | column_access.get(role, set()):
                continue
            seen = self.rows_seen(role, relation)
            if isinstance(seen, Unresolved):
                undecided = undecided or seen
                continue
            every_row, rows = seen
            if not every_row:
                continue
            how = self.via(role, "SELECT", self.chain(relation, column.name), relation.owner)
            exposed.append(f"{role} can SELECT {address} ({how}; {rows})")
        # One role known to read every row is a finding whatever the others turn out to read.
        attributes["exposed_to"] = exposed or undecided or []
        return self.resource("db.column", address, attributes)

    def tables(self) -> list[Resource]:
        if isinstance(self.catalog.relations, Unresolved):
            why = self.catalog.relations
            return [
                self.stand_in("db.table", "table", why),
                self.stand_in("db.column", "column", why),
            ]
        return [found for r in self.relations.values() for found in self.table(r)]

    def function(self, function: Function) -> Resource:
        access = self.object_access(function.address)
        attributes: dict[str, Any] = {
            "schema": function.schema,
            "name": function.name,
            "arguments": function.arguments,
            "owner": function.owner,
            "language": function.language,
            "security_definer": function.security_definer,
            "search_path": function.search_path,
        }
        if isinstance(access, Unresolved):
            attributes["executable_by_untrusted"] = access
        else:
            chain = [function.address, f"schema:{function.schema}", "*"]
            attributes["executable_by_untrusted"] = [
                f"{role} can EXECUTE {function.address} "
                f"({self.via(role, 'EXECUTE', chain, function.owner)})"
                for role, privileges in sorted(access.items())
                if "EXECUTE" in privileges
            ]
        return self.resource("db.function", function.address, attributes)

    def functions(self) -> list[Resource]:
        if isinstance(self.catalog.functions, Unresolved):
            return [self.stand_in("db.function", "function", self.catalog.functions)]
        return [self.function(function) for function in self.catalog.functions]

    def default_privileges(self) -> list[Resource]:
        found = self.catalog.default_privileges
        if isinstance(found, Unresolved):
            return [self.stand_in("db.default_privilege", "default", found)]
        grouped: dict[tuple[str, str, str], list[DefaultPrivilege]] = defaultdict(list)
        for entry in found:
            grouped[(entry.owner, entry.schema or "*", entry.object_type)].append(entry)
        resources = []
        for (owner, schema, object_type), entries in sorted(grouped.items()):
            attributes = {
                "owner": owner,
                "schema": schema,
                "object_type": object_type,
                "grants": [f"{e.grantee}: {', '.join(e.privileges)}" for e in entries],
                "public_privileges": _sorted_unique(
                    p for e in entries if e.grantee == PUBLIC for p in e.privileges
                ),
                "untrusted_grants": self.untrusted_defaults(entries),
            }
            address = f"default:{owner}:{schema}:{object_type}"
            resources.append(self.resource("db.default_privilege", address, attributes))
        return resources

    def untrusted_defaults(self, entries: Sequence[DefaultPrivilege]) -> list[str] | Unresolved:
        """What PUBLIC and the untrusted roles will hold on every object created later:
        granted to them, or to a group role they are members of."""
        found = []
        for entry in entries:
            privileges = ", ".join(entry.privileges)
            if entry.grantee == PUBLIC or entry.grantee in self.untrusted:
                found.append(f"{entry.grantee}: {privileges}")
                continue
            members = [
                role
                for role in self.untrusted
                if role != PUBLIC and self.memberships.path_to(role, entry.grantee)
            ]
            if members:
                found.append(f"{entry.grantee}: {privileges} (held by {', '.join(members)})")
        if not found and isinstance(self.catalog.access, Unresolved):
            # Which roles are untrusted was not settled (a named role was not found, say).
            return self.catalog.access
        return found

    def drift(self) -> list[Resource]:
        if self.expectations is None:
            return []
        resources = []
        for drift in check_expectations(self.expectations, self.catalog):
            attributes = {
                "kind": drift.kind,
                "object": drift.object,
                "expected": drift.expected,
                "holds": drift.holds,
                "found": drift.found,
                "drift": drift.holds
                if isinstance(drift.holds, Unresolved)
                else ("" if drift.holds else f"expected {drift.expected}, {drift.found}"),
            }
            address = f"expect:{drift.kind}:{drift.object}"
            found = self.resource("db.expectation", address, attributes)
            location = Location(
                file=str(self.expectations.path), line=drift.line, extra=found.location.extra
            )
            resources.append(replace(found, location=location))
        return resources

    def build(self) -> list[Resource]:
        return [
            *self.drift(),
            self.server(),
            *self.settings(),
            *self.roles_(),
            *self.schemas(),
            *self.tables(),
            *self.functions(),
            *self.default_privileges(),
        ]


def _describe_policy(policy: Policy) -> str:
    roles = ", ".join(policy.roles) or PUBLIC
    kind = "" if policy.permissive else "RESTRICTIVE "
    using = f" USING ({policy.using})" if policy.using is not None else ""
    check = f" WITH CHECK ({policy.with_check})" if policy.with_check is not None else ""
    return f"{policy.name}: {kind}{policy.command} TO {roles}{using}{check}"


def build_resources(
    catalog: Catalog,
    data_map: DataMap | None = None,
    expectations: Expectations | None = None,
) -> list[Resource]:
    """The resources controls check, from one database's catalog."""
    return _Builder(catalog, data_map or DataMap(), expectations).build()
