"""Lookups over a snapshot's resources, for conditions that link one resource to another."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker.models import Reference, Resource, Unresolved
from checker.paths import elements, resolve

# Attributes whose literal value names a resource, so that `bucket = "statements"` links to
# the bucket named "statements" just as `bucket = aws_s3_bucket.statements.id` does.
IDENTITY_ATTRIBUTES = (
    *("id", "arn", "name", "bucket", "identifier", "cluster_identifier"),
    *("Name", "Arn", "BucketName"),
)


def identities(resource: Resource) -> set[str]:
    """The literal strings that name `resource`, its address included."""
    names = {resource.address}
    for key in IDENTITY_ATTRIBUTES:
        value = resource.attributes.get(key)
        if isinstance(value, str):
            names.add(value)
    return names


@dataclass
class Links:
    """Resources of some types by what their linking attribute points at."""

    by_target: dict[tuple[str, str], list[Resource]] = field(default_factory=dict)
    undecided: list[tuple[Resource, Unresolved]] = field(default_factory=list)


class ResourceIndex:
    """Resources by source and type, by address and by the literal names they carry."""

    def __init__(self, resources: Iterable[Resource]) -> None:
        self._by_type: dict[tuple[str, str], list[Resource]] = defaultdict(list)
        self._by_address: dict[tuple[str, str, str], Resource] = {}
        self._by_name: dict[tuple[str, str, str], list[Resource]] = defaultdict(list)
        self._links: dict[tuple[str, tuple[str, ...], str], Links] = {}
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

    def alongside(
        self, subject: Resource, types: Sequence[str]
    ) -> tuple[list[Resource], list[tuple[Resource, Unresolved]]]:
        """Resources of `types` from the subject's source and namespace (its Terraform root
        module, its AWS account), and those that may exist or not (count or for_each unknown)."""
        found: list[Resource] = []
        undecided: list[tuple[Resource, Unresolved]] = []
        for resource in self.of_types(subject.source, types):
            if resource.namespace != subject.namespace:
                continue
            if resource.unresolved is None:
                found.append(resource)
            else:
                undecided.append((resource, resource.unresolved))
        return found, undecided

    def _links_of(self, source: str, types: tuple[str, ...], by: str) -> Links:
        key = (source, types, by)
        if key not in self._links:
            links = Links()
            for candidate in self.of_types(source, types):
                if candidate.unresolved is not None:
                    # Whether it exists, and what it points at, is unknown: never "not related".
                    links.undecided.append((candidate, candidate.unresolved))
                    continue
                # A list (a backup selection's `resources`) links to each of its elements.
                for value in elements(resolve(candidate.attributes, by, candidate)):
                    if isinstance(value, Reference):
                        target = (value.namespace, value.target)
                    elif isinstance(value, str):
                        target = (candidate.namespace, value)
                    else:
                        if isinstance(value, Unresolved):
                            links.undecided.append((candidate, value))
                        continue
                    linked = links.by_target.setdefault(target, [])
                    if candidate not in linked:
                        linked.append(candidate)
            self._links[key] = links
        return self._links[key]

    def linked_to(
        self, subject: Resource, types: tuple[str, ...], by: str
    ) -> tuple[list[Resource], list[tuple[Resource, Unresolved]]]:
        """Resources of `types` whose `by` attribute points at `subject` by reference or name,
        and those whose `by` could not be resolved (they may point at it or not)."""
        links = self._links_of(subject.source, types, by)
        found: list[Resource] = []
        for name in identities(subject):
            for candidate in links.by_target.get((subject.namespace, name), ()):
                if candidate not in found:
                    found.append(candidate)
        # A resource of another root module or account cannot point at this one, known or not.
        undecided = [
            (c, why)
            for c, why in links.undecided
            if c.namespace == subject.namespace and c not in found
        ]
        return found, undecided

    def targets_of(self, value: Any, origin: Resource) -> list[Resource] | None:
        """The resources `value` (read from `origin`) refers to; None if none is in the scan."""
        if isinstance(value, Reference):
            target = self._by_address.get((origin.source, value.namespace, value.target))
            return None if target is None else [target]
        if isinstance(value, str):
            return self._by_name.get((origin.source, origin.namespace, value)) or None
        return None
