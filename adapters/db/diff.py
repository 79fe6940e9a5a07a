"""One database against another: two catalogs read read-only and compared object by object
(`assaymark db diff --dsn PROD --against STAGING`)."""

from __future__ import annotations

from typing import ClassVar

from adapters.base import Adapter, AdapterError
from adapters.db.adapter import DatabaseAdapter, engine_for
from adapters.db.compare import Difference, compare
from adapters.db.differences import difference_resources
from adapters.db.engine import CollectOptions, Dsn
from adapters.db.resources import SOURCE
from checker.models import Location, Snapshot, SourceError


class DatabaseDiff(Adapter):
    """A database's objects held against a reference database's, read-only."""

    source: ClassVar[str] = SOURCE
    permissions: ClassVar[tuple[str, ...]] = DatabaseAdapter.permissions

    def __init__(self, dsn: Dsn, against: Dsn, options: CollectOptions | None = None) -> None:
        self.dsn = dsn
        self.against = against
        # Only the catalog: no sampling, no untrusted roles' effective privileges.
        self.options = options or CollectOptions(untrusted_roles=())

    def collect(self) -> Snapshot:
        """Read both catalogs and compare them; a side that cannot be read makes every kind of
        object undecided, never equal."""
        engine, reference_engine = engine_for(self.dsn), engine_for(self.against)
        if engine.name != reference_engine.name:
            raise AdapterError(
                f"db diff: {self.dsn} is {engine.name} and {self.against} is "
                f"{reference_engine.name}: compare databases of one engine"
            )
        actual = engine.collect(self.dsn, self.options)
        reference = reference_engine.collect(self.against, self.options)
        name = f"{self.against}"
        errors = []
        for dsn, catalog in ((self.dsn, actual), (self.against, reference)):
            why = catalog.unreachable_reason
            if why is not None:
                where = Location(extra={"engine": catalog.engine, "server": catalog.server})
                errors.append(SourceError(SOURCE, f"cannot read {dsn}: {why}", where))
        if errors:
            why = actual.unreachable_reason or reference.unreachable_reason
            assert why is not None
            undecided = [Difference("database", "*", "", "", unresolved=why)]
            resources = difference_resources(actual, undecided, name)
        else:
            comparison = compare(reference, actual, reference_name=name)
            resources = difference_resources(
                actual, comparison.differences, name, comparison.compared
            )
        metadata = {
            "compared": {"database": str(self.dsn), "against": str(self.against)},
            "collected_by": {
                "identities": {
                    str(dsn): catalog.current_user
                    for dsn, catalog in ((self.dsn, actual), (self.against, reference))
                    if isinstance(catalog.current_user, str)
                }
            },
        }
        return Snapshot(SOURCE, tuple(resources), tuple(errors), metadata)
