"""What the migrations claim, held against the live database.

The tracker table's history is held against the migrations folder; then the migrations it
records as applied are replayed, in order, into a throwaway database on the shadow server, and
that catalog is compared with the live one object by object. The server interprets the SQL,
so whatever it accepts is understood as it would be in production.

Without a shadow server the SQL is parsed instead (`adapters.db.sql_claims`): the reference
holds only what parsing can say exactly, so only what it claims is compared, and the
statements it could not derive are named alongside the differences.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from adapters.db.catalog import Catalog, Role
from adapters.db.compare import Comparison, Difference, compare, renamed
from adapters.db.differences import not_derived
from adapters.db.engine import CollectOptions, DatabaseError, Engine
from adapters.db.migrations import MigrationsSource
from adapters.db.migrations.base import Migration
from adapters.db.migrations.history import check_history
from checker.models import Unresolved


def tracker_options(
    source: MigrationsSource, engine: Engine, options: CollectOptions
) -> CollectOptions:
    """`options` with the tool's tracker table to read as well."""
    tracker = source.folder.tool.tracker(engine.name)
    return replace(options, tracker=(tracker.table, tracker.query))


def _roles(catalog: Catalog) -> tuple[Role, ...]:
    return () if isinstance(catalog.roles, Unresolved) else catalog.roles


def check_claims(
    source: MigrationsSource, live: Catalog, engine: Engine, options: CollectOptions
) -> tuple[list[Difference], Comparison | None]:
    """The differences between what the migrations claim and the live database, and the
    catalog comparison when the migrations were replayed."""
    folder = source.folder
    tool = folder.tool
    if live.tracker is None or isinstance(live.tracker, Unresolved):
        why = live.tracker or Unresolved(f"the migration tracker {tool.tracker_table}", "not read")
        return [Difference("migration", "*", "", "", unresolved=why)], None
    applied = tool.applied(live.tracker, folder.migrations)
    differences = check_history(
        folder.migrations, applied, live.tracker_table or tool.tracker_table, engine.name
    )
    claimed = {entry.version for entry in applied}
    replayed = [
        migration
        for migration in folder.migrations
        if migration.version in claimed and migration.runs_on(engine.name)
    ]
    not_sql = [migration for migration in replayed if migration.sql_on(engine.name) is None]
    if not_sql:
        names = ", ".join(str(migration.path) for migration in not_sql[:3])
        how = "replayed" if source.shadow is not None else "parsed"
        why = Unresolved(
            "the objects the migrations create",
            f"{tool.name} migrations that are not SQL cannot be {how} ({names})",
        )
        return [*differences, Difference("replay", "*", "", "", unresolved=why)], None
    if source.shadow is None:
        return _derived(source, replayed, live, engine, differences)
    quiet = replace(options, sample_rows=0, sample_column=None, tracker=None, roles_named=False)
    try:
        with engine.throwaway(source.shadow, _roles(live), options) as shadow:
            for migration in replayed:
                sql = migration.sql_on(engine.name)
                assert sql is not None
                shadow.run(sql, str(migration.path), migration.first_line)
            reference = engine.collect(shadow.dsn, quiet)
            if engine.schemas_are_databases:
                reference = renamed(reference, shadow.dsn.database, live.database)
    except DatabaseError as exc:
        why = Unresolved(f"replaying {folder.path} into a shadow database", str(exc))
        return [*differences, Difference("replay", "*", "", "", unresolved=why)], None
    name = f"the {tool.name} migrations {folder.path}"
    ignore = frozenset({live.tracker_table} if live.tracker_table else ())
    comparison = compare(reference, live, reference_name=name, ignore=ignore, owners=False)
    return [*differences, *comparison.differences], comparison


def _given_by_default(live: Catalog) -> Callable[[str], bool]:
    """Whether a grant (`grantee on object`, as `compare` keys it) is one the live database's
    default privileges account for: the migrations need not say it."""
    found = live.default_privileges
    entries = (
        set()
        if isinstance(found, Unresolved)
        else {(entry.grantee, entry.schema, entry.object_type) for entry in found}
    )

    def given(key: str) -> bool:
        grantee, _, target = key.partition(" on ")
        schema, dot, rest = target.partition(".")
        if not dot or "." in rest.split("(", 1)[0]:
            return False  # schemas and columns get no default privileges
        object_type = "function" if "(" in rest else "table"
        return any((grantee, where, object_type) in entries for where in (schema, None))

    return given


def _derived(
    source: MigrationsSource,
    applied: list[Migration],
    live: Catalog,
    engine: Engine,
    differences: list[Difference],
) -> tuple[list[Difference], Comparison | None]:
    """The migrations parsed rather than replayed: only what they claim is compared."""
    from adapters.db.sql_claims import ParserMissing, derive

    folder = source.folder
    flavour = engine.name
    if flavour == "mysql" and isinstance(live.version, str) and "mariadb" in live.version.lower():
        # MariaDB prints integer widths and grants ALL with a privilege MySQL lacks.
        flavour = "mariadb"
    try:
        derived = derive(
            applied,
            flavour,
            default_schema=live.database if engine.schemas_are_databases else None,
        )
    except ParserMissing as exc:
        why = Unresolved("the objects the migrations create", str(exc))
        return [*differences, Difference("replay", "*", "", "", unresolved=why)], None
    name = f"the {folder.tool.name} migrations {folder.path}"
    ignore = frozenset({live.tracker_table} if live.tracker_table else ())
    given_by_default = _given_by_default(live)

    def claims(kind: str, key: str) -> bool:
        if kind == "grant" and given_by_default(key):
            # The live default privileges gave it when the migrations created the object.
            return False
        return derived.claims(kind, key)

    comparison = compare(
        derived.catalog,
        live,
        reference_name=name,
        ignore=ignore,
        owners=False,
        partial=True,
        claims=claims,
    )
    found = [*differences, *comparison.differences]
    if derived.not_derived:
        found.append(not_derived(derived.not_derived))
    return found, comparison
