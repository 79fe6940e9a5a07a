"""The database source: every configured PostgreSQL and MySQL/MariaDB database, read-only."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from adapters.base import Adapter, AdapterError
from adapters.db.catalog import Catalog, Column, Relation
from adapters.db.claims import check_claims, tracker_options
from adapters.db.differences import difference_resources
from adapters.db.drift import Expectations
from adapters.db.engine import CollectOptions, Dsn, Engine
from adapters.db.migrations import MigrationsSource
from adapters.db.registry import ENGINES
from adapters.db.resources import SOURCE, build_resources
from adapters.db.sensitive import DataMap
from checker.models import Location, Resource, Snapshot, SourceError, Unresolved

_SAMPLED_KINDS = frozenset({"table", "partitioned_table", "materialized_view"})


def sample_text_columns(relation: Relation, column: Column) -> bool:
    """Card numbers hide in free text (notes, memos, payloads) as often as in card columns:
    every text column of a table is sampled."""
    return relation.kind in _SAMPLED_KINDS and column.text_like


@dataclass(frozen=True)
class DatabaseTarget:
    """One database to collect, and what to hold it against."""

    dsn: Dsn
    data_map: DataMap = field(default_factory=DataMap)
    expectations: Expectations | None = None
    options: CollectOptions = field(default_factory=CollectOptions)
    #: The migrations folder the database is held against (and the shadow server to replay it).
    migrations: MigrationsSource | None = None


def engine_for(dsn: Dsn) -> Engine:
    """The engine that serves the connection string's scheme."""
    engine = ENGINES.get(dsn.scheme)
    if engine is None:
        known = ", ".join(sorted(ENGINES))
        raise AdapterError(f"connection string {dsn}: unknown scheme {dsn.scheme!r}; use {known}")
    return engine()


def _unread_parts(catalog: Catalog) -> list[tuple[str, Unresolved]]:
    parts: list[tuple[str, Any]] = [
        ("roles", catalog.roles),
        ("relations", catalog.relations),
        ("policies", catalog.policies),
        ("grants", catalog.grants),
        ("functions", catalog.functions),
        ("default privileges", catalog.default_privileges),
        ("effective privileges", catalog.access),
        ("audit", catalog.audit),
        ("constraints", catalog.constraints),
        ("indexes", catalog.indexes),
        ("migration tracker", catalog.tracker),
    ]
    parts.extend((f"setting {name}", value) for name, value in catalog.settings.items())
    if isinstance(catalog.roles, tuple) and catalog.roles:
        first = catalog.roles[0].password
        parts.append(("how role passwords are stored", first))
    parts.extend((f"sample of {name}", sample) for name, sample in catalog.samples.items())
    return [(name, value) for name, value in parts if isinstance(value, Unresolved)]


def _claims(
    source: MigrationsSource, catalog: Catalog, engine: Engine, options: CollectOptions
) -> list[Resource]:
    """The drift between the migrations and the database, as resources."""
    if catalog.unreachable_reason is not None:
        # Unreachable: the connection error already says so, once.
        return []
    differences, comparison = check_claims(source, catalog, engine, options)
    reference = f"the {source.folder.tool.name} migrations {source.folder.path}"
    compared = comparison.compared if comparison is not None else None
    return difference_resources(catalog, differences, reference, compared)


class DatabaseAdapter(Adapter):
    """Database grants, row-level security, sensitive data and settings, read-only."""

    source: ClassVar[str] = SOURCE
    permissions: ClassVar[tuple[str, ...]] = tuple(
        grant for engine in dict.fromkeys(ENGINES.values()) for grant in engine.permissions
    )

    def __init__(self, targets: Sequence[DatabaseTarget]) -> None:
        self.targets = list(targets)

    def _collect_one(self, target: DatabaseTarget) -> tuple[list[Resource], list[SourceError], Any]:
        engine = engine_for(target.dsn)
        started = time.perf_counter()
        options = target.options
        if target.migrations is not None:
            options = tracker_options(target.migrations, engine, options)
        catalog = engine.collect(target.dsn, options)
        collected = time.perf_counter() - started
        resources = build_resources(catalog, target.data_map, target.expectations)
        if target.migrations is not None:
            resources.extend(_claims(target.migrations, catalog, engine, options))
        where = Location(
            extra={"engine": catalog.engine, "server": catalog.server, "database": catalog.database}
        )
        if catalog.unreachable_reason is not None:
            errors = [SourceError(SOURCE, f"cannot read {target.dsn}: {catalog.version}", where)]
        else:
            errors = [
                SourceError(SOURCE, f"could not read the {name} of {target.dsn}: {why}", where)
                for name, why in _unread_parts(catalog)
            ]
            from adapters.db.presets import untrusted_roles

            if not isinstance(catalog.roles, Unresolved):
                # A misspelt --untrusted-role (or a preset's role) would check nothing at all.
                known = {role.name for role in catalog.roles}
                known.update(role.user for role in catalog.roles if role.user)
                for name in untrusted_roles(options)[1]:
                    if name in known:
                        continue
                    named = options.roles_named and name in options.untrusted_roles
                    given = f"--untrusted-role {name}" if named else f"--preset {options.preset}"
                    message = (
                        f"{given}: no role {name} in database {catalog.database} on "
                        f"{catalog.server} ({target.dsn}); what untrusted roles can reach is "
                        "not checked until every untrusted role named exists"
                    )
                    errors.append(SourceError(SOURCE, message, where))
        metadata = {
            "engine": catalog.engine,
            "version": catalog.version if isinstance(catalog.version, str) else None,
            "user": catalog.current_user if isinstance(catalog.current_user, str) else None,
            "queries": catalog.queries,
            "collect_seconds": round(collected, 3),
            "untrusted_roles": list(catalog.untrusted_roles),
            "sample_rows": target.options.sample_rows,
        }
        return resources, errors, metadata

    def collect(self) -> Snapshot:
        """Collect every database, one after the other (each is one connection)."""
        if not self.targets:
            raise AdapterError("no database to scan: give --dsn or --dsn-env")
        resources: list[Resource] = []
        errors: list[SourceError] = []
        databases: dict[str, Any] = {}
        for target in self.targets:
            found, failed, metadata = self._collect_one(target)
            resources.extend(found)
            errors.extend(failed)
            databases[str(target.dsn)] = metadata
        identities = {name: data["user"] for name, data in databases.items()}
        metadata = {"collected_by": {"identities": identities}, "databases": databases}
        return Snapshot(SOURCE, tuple(resources), tuple(errors), metadata)
