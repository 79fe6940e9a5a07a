"""Lookups over a snapshot's resources, for conditions that link one resource to another."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from checker.models import Reference, Resource, Unresolved
from checker.truth import Outcome, fails, holds, undecided

# Attributes whose literal value names a resource, so that `bucket = "statements"` links to
# the bucket named "statements" just as `bucket = aws_s3_bucket.statements.id` does.
IDENTITY_ATTRIBUTES = ("id", "arn", "name", "bucket", "Name", "Arn", "BucketName")


def identities(resource: Resource) -> set[str]:
    """The literal strings that name `resource`."""
    names = {resource.address}
    for key in IDENTITY_ATTRIBUTES:
        value = resource.attributes.get(key)
        if isinstance(value, str):
            names.add(value)
    return names


class ResourceIndex:
    """Resources by source and type, by address and by the literal names they carry."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self._by_type: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        self._by_address: dict[tuple[str, str, str], Resource] = {}
        self._by_name: dict[tuple[str, str, str], list[Resource]] = defaultdict(list)
        for resource in resources:
            self._by_type[(resource.source, resource.type)].append(resource)
            self._by_address[(resource.source, resource.namespace, resource.address)] = resource
            for name in identities(resource):
                self._by_name[(resource.source, resource.namespace, name)].append(resource)

    def of_types(self, source: str, types: Sequence[str]) -> list[Resource]:
        """Every resource of one of `types` from `source`, in snapshot order."""
        found: list[Resource] = []
        for resource_type in types:
            found.extend(self._by_type.get((source, resource_type), ()))
        return found

    def points_at(self, values: list[Any], subject: Resource, origin: Resource) -> Outcome:
        """Whether any of `values` (read from `origin`) refers to `subject`."""
        unknown: list[str] = []
        names = identities(subject)
        for value in values:
            if isinstance(value, Reference):
                if value.target == subject.address and value.namespace == subject.namespace:
                    return holds(f"refers to {subject.address}")
            elif isinstance(value, Unresolved):
                unknown.append(str(value))
            elif (
                isinstance(value, str) and value in names and origin.namespace == subject.namespace
            ):
                return holds(f"names {subject.address}")
        if unknown:
            return undecided(unknown[0])
        return fails(f"does not refer to {subject.address}")

    def targets_of(self, value: Any, origin: Resource) -> list[Resource] | None:
        """The resources `value` (read from `origin`) refers to; None if none is in the scan."""
        if isinstance(value, Reference):
            target = self._by_address.get((origin.source, value.namespace, value.target))
            return None if target is None else [target]
        if isinstance(value, str):
            return self._by_name.get((origin.source, origin.namespace, value)) or None
        return None
