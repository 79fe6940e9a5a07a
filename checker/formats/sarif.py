"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

Every result has a physical location, as GitHub rejects a whole file otherwise: findings without
a file (live AWS, databases) are anchored to the configuration file when the run has one, else
to the control's policy file. Given the repository's root, file URIs are relative to it
whichever folder assaymark ran in. Fingerprints are stable across runs: the control id and the
resource. Baselined and waived findings are results with a suppression, so that code scanning
shows them as dismissed rather than as fixed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TextIO
from urllib.parse import quote

from checker import __version__
from checker.formats.base import Format, FormatSettings
from checker.formats.json import dump_json
from checker.formats.repository import RepositoryPath, anchor_path, repository_path
from checker.formats.selection import select
from checker.models import Finding, Location, SourceError, Status
from checker.policy import Control
from checker.results import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SOURCE_ERROR_RULE = "assaymark-source-error"
#: The root that repository-relative URIs are relative to (the name GitHub's docs use).
SOURCE_ROOT = "%SRCROOT%"
BASELINE_JUSTIFICATION = "in the baseline"
_LISTED = (Status.FAIL, Status.ERROR, Status.WAIVED, Status.BASELINED)


def policy_file_uri(control: Control) -> str:
    """The control's file relative to the working folder, or as `policies/<file>` if outside it."""
    try:
        return control.path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return f"policies/{control.path.name}"


def fingerprint(control_id: str, resource: str, occurrence: int = 0) -> str:
    """A stable identity for a finding across runs. `occurrence` tells apart the findings of
    one control on one resource (two checks of the control, or two databases that both hold
    a `public.cards`), in report order; the first keeps the plain identity."""
    identity = f"{control_id}\0{resource}" + (f"\0{occurrence}" if occurrence else "")
    return hashlib.sha256(identity.encode()).hexdigest()


def fallback_path(control: Control, settings: FormatSettings) -> RepositoryPath:
    """Where a finding without a file of its own is placed: the run's anchor (its
    configuration file), else the control's policy file."""
    if settings.anchor is not None:
        return anchor_path(settings.anchor, settings.repository_root)
    if settings.repository_root is not None:
        placed = repository_path(str(control.path), settings.repository_root)
        if placed.in_repository:
            return placed
    return RepositoryPath(policy_file_uri(control), in_repository=False)


@dataclass(frozen=True)
class _Listed:
    """A finding to list with what its result needs."""

    control_index: int
    finding: Finding
    occurrence: int


class _Writer:
    """Builds one run's results under the user's settings."""

    def __init__(self, report: Report, settings: FormatSettings) -> None:
        self.report = report
        self.settings = settings
        self._fallbacks: dict[int, RepositoryPath] = {}

    def fallback(self, control_index: int) -> RepositoryPath:
        if control_index not in self._fallbacks:
            control = self.report.results[control_index].control
            self._fallbacks[control_index] = fallback_path(control, self.settings)
        return self._fallbacks[control_index]

    def artifact(self, placed: RepositoryPath) -> dict[str, Any]:
        location: dict[str, Any] = {"uri": quote(placed.path, safe="/:@")}
        if placed.in_repository:
            location["uriBaseId"] = SOURCE_ROOT
        return location

    def physical(
        self, location: Location, fallback: Callable[[], RepositoryPath]
    ) -> dict[str, Any]:
        if location.file is None:
            return {"artifactLocation": self.artifact(fallback()), "region": {"startLine": 1}}
        region: dict[str, Any] = {"startLine": location.line or 1}
        if location.end_line:
            region["endLine"] = location.end_line
        placed = repository_path(location.file, self.settings.repository_root)
        return {"artifactLocation": self.artifact(placed), "region": region}

    def result(self, listed: _Listed) -> dict[str, Any]:
        control = self.report.results[listed.control_index].control
        finding = listed.finding
        level = "error" if finding.status is Status.ERROR else LEVEL[control.severity]
        prefix = "could not be evaluated" if finding.status is Status.ERROR else control.title
        fallback = partial(self.fallback, listed.control_index)
        result: dict[str, Any] = {
            "ruleId": control.id,
            "ruleIndex": listed.control_index,
            "level": level,
            "message": {"text": f"{prefix}: {finding.subject}: {finding.message}"},
            "locations": [{"physicalLocation": self.physical(finding.location, fallback)}],
            "partialFingerprints": {
                "assaymark/v1": fingerprint(control.id, finding.subject, listed.occurrence)
            },
            "properties": {"resource": finding.subject, "status": str(finding.status)},
        }
        if finding.status is Status.WAIVED and finding.waiver is not None:
            kind = "inSource" if finding.waiver.origin.startswith("inline") else "external"
            result["suppressions"] = [{"kind": kind, "justification": finding.waiver.reason}]
        elif finding.status is Status.BASELINED:
            result["suppressions"] = [{"kind": "external", "justification": BASELINE_JUSTIFICATION}]
        return result

    def source_error(self, error: SourceError, index: int) -> dict[str, Any]:
        def fallback() -> RepositoryPath:
            anchor = self.settings.anchor
            if anchor is None:
                return RepositoryPath(".", in_repository=False)
            return anchor_path(anchor, self.settings.repository_root)

        return {
            "ruleId": SOURCE_ERROR_RULE,
            "ruleIndex": index,
            "level": "error",
            "message": {"text": f"could not be read or resolved: {error.message}"},
            "locations": [{"physicalLocation": self.physical(error.location, fallback)}],
            "partialFingerprints": {
                "assaymark/v1": fingerprint(SOURCE_ERROR_RULE, str(error.location))
            },
        }


def _candidates(report: Report) -> list[_Listed]:
    listed = []
    for index, result in enumerate(report.results):
        # Occurrences are counted over every finding, so that bounding the results never
        # changes the fingerprint of the ones that are listed.
        seen: Counter[str] = Counter()
        for finding in result.findings:
            if finding.status in _LISTED:
                listed.append(_Listed(index, finding, seen[finding.subject]))
                seen[finding.subject] += 1
    return listed


def unused_waiver_notes(report: Report) -> list[str]:
    """One sentence per waiver that matched no finding."""
    return [
        f"The waiver for {entry['control']} on {entry['resource']} (ticket {entry['ticket']}, "
        f"expires {entry['expires']}) matched no finding."
        for entry in report.waiver_statuses()
        if entry["status"] == "unused"
    ]


def sarif_log(report: Report, settings: FormatSettings | None = None) -> dict[str, Any]:
    """The report as a SARIF log."""
    settings = settings or FormatSettings()
    writer = _Writer(report, settings)
    rules = [_rule(result.control) for result in report.results]
    severity_of = [result.control.severity for result in report.results]
    listed: list[_Listed | SourceError] = [*_candidates(report), *report.errors]
    kept, left_out = select(
        listed,
        lambda item: (
            (item.finding.status, severity_of[item.control_index])
            if isinstance(item, _Listed)
            else (Status.ERROR, None)
        ),
        settings,
    )
    results = [writer.result(item) for item in kept if isinstance(item, _Listed)]
    errors = [item for item in kept if isinstance(item, SourceError)]
    if report.errors:
        rules.append(
            {
                "id": SOURCE_ERROR_RULE,
                "shortDescription": {"text": "A source could not be read or resolved"},
                "defaultConfiguration": {"level": "error"},
                "properties": {"security-severity": "7.0", "tags": ["security"]},
            }
        )
        results += [writer.source_error(error, len(rules) - 1) for error in errors]
    notifications = [
        {"level": "warning", "message": {"text": text}} for text in unused_waiver_notes(report)
    ]
    invocation: dict[str, Any] = {"executionSuccessful": report.exit_code in (0, 1)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "assaymark",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": rules,
            }
        },
        "invocations": [invocation],
        "results": results,
    }
    if settings.repository_root is not None:
        root = settings.repository_root.resolve().as_uri().rstrip("/") + "/"
        run["originalUriBaseIds"] = {SOURCE_ROOT: {"uri": root}}
    if left_out.total:
        run["properties"] = {
            "omittedResults": left_out.total,
            "omittedBelowMinSeverity": left_out.below_severity,
            "omittedOverMaxResults": left_out.over_limit,
        }
        notifications.insert(
            0,
            {
                "level": "warning",
                "message": {
                    "text": f"{left_out.total} result(s) left out "
                    f"({left_out.reasons(settings)}); the JSON report lists every finding."
                },
            },
        )
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _rule(control: Control) -> dict[str, Any]:
    tags = ["security", "compliance"] + [
        f"{framework}:{requirement}"
        for framework, requirements in control.frameworks.items()
        for requirement in requirements
    ]
    return {
        "id": control.id,
        "name": "".join(part.capitalize() for part in control.id.replace(".", "-").split("-")),
        "shortDescription": {"text": control.title},
        "fullDescription": {"text": control.rationale},
        "help": {"text": control.remediation},
        "defaultConfiguration": {"level": LEVEL[control.severity]},
        "properties": {"security-severity": SECURITY_SEVERITY[control.severity], "tags": tags},
    }


class SarifFormat(Format):
    """SARIF 2.1.0: one rule per control, one result per failing, erroring, baselined or
    waived finding (at most --max-results of them, the most important first)."""

    name: ClassVar[str] = "sarif"

    def write(self, report: Report, stream: TextIO) -> None:
        dump_json(sarif_log(report, self.settings), stream)
