"""Data that crosses the boundary between adapters, the engine and the output formats.

Adapters produce a `Snapshot` of `Resource`s; the engine turns controls and a snapshot into
`ControlResult`s; formats render a `Report`. Everything here is a frozen dataclass so that
what one layer hands to the next cannot be changed behind its back.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from checker.waivers import Waiver


class Status(enum.StrEnum):
    """The status of a finding or a control (a contract: see docs/contracts.md)."""

    PASS = "pass"
    FAIL = "fail"
    ERROR = "error"
    WAIVED = "waived"
    BASELINED = "baselined"
    NOT_APPLICABLE = "not_applicable"
    MANUAL = "manual"


# Roll-up order for findings: the worst one decides a control's status.
_SEVERITY_OF_STATUS = {
    Status.PASS: 0,
    Status.BASELINED: 1,
    Status.WAIVED: 1,
    Status.FAIL: 2,
    Status.ERROR: 3,
}


def worst(statuses: list[Status]) -> Status:
    """The status of a control whose findings have these statuses (error > fail > waived or
    baselined > pass; between waived and baselined, waived)."""
    return max(
        statuses,
        key=lambda status: (_SEVERITY_OF_STATUS.get(status, -1), status is Status.WAIVED),
    )


# How reports list statuses: errors and failures first, as they are what the reader came for.
READING_ORDER = {
    Status.ERROR: 0,
    Status.FAIL: 1,
    Status.BASELINED: 2,
    Status.WAIVED: 3,
    Status.MANUAL: 4,
    Status.PASS: 5,
    Status.NOT_APPLICABLE: 6,
}


@dataclass(frozen=True)
class Location:
    """Where a resource or an error was observed: a file and line, or a cloud or database place."""

    file: str | None = None
    line: int | None = None
    end_line: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        if self.file is None:
            return ", ".join(f"{key}={value}" for key, value in self.extra.items()) or "-"
        return self.file if self.line is None else f"{self.file}:{self.line}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in reports and snapshots."""
        data: dict[str, Any] = {}
        if self.file is not None:
            data["file"] = self.file
        if self.line is not None:
            data["line"] = self.line
        if self.end_line is not None:
            data["end_line"] = self.end_line
        data.update(self.extra)
        return data


@dataclass(frozen=True)
class Unresolved:
    """A value the source could not determine; any check that reads it is `error`, never pass.

    `not_null` says the value is known to exist though not what it is (a string built by
    interpolating an ARN known only after apply), so `present` can still hold. `known_parts`
    holds, for such a string, its pieces in order: the text known before apply, and None for
    each piece that is not, so that what the known text decides is decided.
    """

    expression: str
    reason: str
    not_null: bool = False
    known_parts: tuple[str | None, ...] = ()

    def __str__(self) -> str:
        return f"`{self.expression}` ({self.reason})"


@dataclass(frozen=True)
class Reference:
    """A value that points at another resource, known only after apply (e.g. `aws_kms_key.a.arn`).

    It is present (not null) and links resources for `related`/`follow`, but comparing it with
    a literal cannot be decided, so comparisons on it are `error`.
    """

    target: str
    attribute: str
    namespace: str = ""

    @property
    def expression(self) -> str:
        """The reference as it was written."""
        return f"{self.target}.{self.attribute}" if self.attribute else self.target

    @property
    def unknown_because(self) -> str:
        """Why the value is not known: a data source is read by its provider while planning,
        which a static scan does not do; anything else is computed when it is applied."""
        if self.target.startswith("data.") or ".data." in self.target:
            return "read from the provider when planning, which a scan of the code does not do"
        return "known only after apply"


@dataclass(frozen=True)
class Suppression:
    """An inline `assaymark:skip=<control> <reason>` comment inside a resource."""

    control_id: str
    reason: str
    location: Location


@dataclass(frozen=True)
class Resource:
    """One observed resource, normalized by its adapter.

    `attributes` holds JSON-like values, where `Unresolved` and `Reference` may stand for
    values the source could not know. `namespace` keeps apart resources that share an address
    but not a state (two Terraform root modules); references resolve within it. `unresolved`
    is set when the resource itself could not be fully determined (for example a `count` that
    depends on an unknown variable).
    """

    source: str
    type: str
    address: str
    attributes: Mapping[str, Any]
    location: Location
    namespace: str = ""
    tags: Mapping[str, Any] | Unresolved = field(default_factory=dict)
    region: str | Unresolved | None = None
    suppressions: tuple[Suppression, ...] = ()
    unresolved: Unresolved | None = None


@dataclass(frozen=True)
class SourceError:
    """Something a source could not read or resolve: reported, never dropped."""

    source: str
    message: str
    location: Location = field(default_factory=Location)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in reports."""
        return {"source": self.source, "message": self.message, "location": self.location.to_dict()}


@dataclass(frozen=True)
class Snapshot:
    """What one source observed: the only input the engine reads."""

    source: str
    resources: tuple[Resource, ...]
    errors: tuple[SourceError, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class WaiverNote:
    """Why a finding is waived (an inline skip or a waiver), or that its waiver has expired."""

    reason: str
    origin: str
    waiver: Waiver | None = None
    expired: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in reports."""
        data: dict[str, Any] = {"reason": self.reason, "origin": self.origin}
        if self.waiver is not None:
            data.update(self.waiver.to_dict())
        if self.expired:
            data["expired"] = True
        return data


@dataclass(frozen=True)
class Finding:
    """The verdict of one check on one resource."""

    source: str
    resource: str
    status: Status
    message: str
    location: Location
    waiver: WaiverNote | None = None
    observed: Mapping[str, Any] = field(default_factory=dict)
    root: str = ""

    @property
    def subject(self) -> str:
        """The resource as reports name it: with the root module it was evaluated for, when
        it is declared in a module that several roots may call."""
        return f"{self.resource} (root {self.root})" if self.root else self.resource

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report contract."""
        data: dict[str, Any] = {
            "source": self.source,
            "resource": self.resource,
            "status": str(self.status),
            "message": self.message,
            "location": self.location.to_dict(),
        }
        if self.root:
            data["root"] = self.root
        if self.waiver is not None:
            data["waiver"] = self.waiver.to_dict()
        return data
