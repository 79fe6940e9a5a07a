"""What the migrations claim, held against the live database.

The tracker table's history is held against the migrations folder; then the migrations it
records as applied are replayed, in order, into a throwaway database on the shadow server, and
that catalog is compared with the live one object by object. The server interprets the SQL,
so whatever it accepts is understood as it would be in production.
"""

from __future__ import annotations

from dataclasses import replace

from adapters.db.catalog import Catalog, Role
from adapters.db.compare import Comparison, Difference, compare, renamed
from adapters.db.engine import CollectOptions, DatabaseError, Engine
from adapters.db.migrations import MigrationsSource
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
        folder.migrations, applied, live.tracker_table or tool.tracker_table
    )
    if source.shadow is None:
        return differences, None
    claimed = {entry.version for entry in applied}
    replayed = [migration for migration in folder.migrations if migration.version in claimed]
    not_sql = [migration for migration in replayed if migration.sql is None]
    if not_sql:
        names = ", ".join(str(migration.path) for migration in not_sql[:3])
        why = Unresolved(
            "the objects the migrations create",
            f"{tool.name} migrations that are not SQL cannot be replayed ({names})",
        )
        return [*differences, Difference("replay", "*", "", "", unresolved=why)], None
    quiet = replace(options, sample_rows=0, sample_column=None, tracker=None, roles_named=False)
    try:
        with engine.throwaway(source.shadow, _roles(live), options) as shadow:
            for migration in replayed:
                assert migration.sql is not None
                shadow.run(migration.sql, str(migration.path), migration.first_line)
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
