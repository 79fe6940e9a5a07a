"""`--format gitlab`: a GitLab code quality report, the JSON array that the merge request
widget reads (`artifacts: reports: codequality:`).

One issue per failing or erroring finding and per source error; baselined and waived findings
are accepted and left out. Paths are relative to the repository's root as in SARIF (to the
working folder when the root is not known, as GitLab jobs start at the root), and the
fingerprints are SARIF's, so that GitLab tells new issues from known ones across pipelines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, TextIO

from checker.formats.base import Format, FormatSettings
from checker.formats.json import dump_json
from checker.formats.repository import RepositoryPath, anchor_path, repository_path
from checker.formats.sarif import SOURCE_ERROR_RULE, fallback_path, fingerprint
from checker.formats.selection import select
from checker.models import Finding, Location, SourceError, Status
from checker.policy import Control
from checker.results import Report

#: GitLab's severities are info, minor, major, critical and blocker.
GITLAB_SEVERITY = {
    "critical": "blocker",
    "high": "critical",
    "medium": "major",
    "low": "minor",
    "info": "info",
}
_SOURCE_ERROR_SEVERITY = "critical"
_LISTED = (Status.FAIL, Status.ERROR)


def _location(
    location: Location, fallback: Callable[[], RepositoryPath], root: Path | None
) -> dict[str, Any]:
    if location.file is None:
        return {"path": fallback().path, "lines": {"begin": 1}}
    placed = repository_path(location.file, root)
    return {"path": placed.path, "lines": {"begin": location.line or 1}}


def _issue(
    control: Control,
    finding: Finding,
    occurrence: int,
    settings: FormatSettings,
    fallback: Callable[[], RepositoryPath],
) -> dict[str, Any]:
    erroring = finding.status is Status.ERROR
    prefix = "could not be evaluated" if erroring else control.title
    return {
        "description": f"{prefix}: {finding.subject}: {finding.message}",
        "check_name": control.id,
        "fingerprint": fingerprint(control.id, finding.subject, occurrence),
        "severity": GITLAB_SEVERITY[control.severity],
        "location": _location(finding.location, fallback, settings.repository_root),
    }


def _source_error(error: SourceError, settings: FormatSettings) -> dict[str, Any]:
    def anchor() -> RepositoryPath:
        if settings.anchor is None:
            return RepositoryPath(".", in_repository=False)
        return anchor_path(settings.anchor, settings.repository_root)

    return {
        "description": f"could not be read or resolved: {error.message}",
        "check_name": SOURCE_ERROR_RULE,
        "fingerprint": fingerprint(SOURCE_ERROR_RULE, str(error.location)),
        "severity": _SOURCE_ERROR_SEVERITY,
        "location": _location(error.location, anchor, settings.repository_root),
    }


def code_quality(report: Report, settings: FormatSettings | None = None) -> list[dict[str, Any]]:
    """The report as a list of GitLab code quality issues."""
    settings = settings or FormatSettings()
    if settings.repository_root is None:
        # GitLab reads paths relative to the repository only; CI jobs start at its root.
        settings = replace(settings, repository_root=Path.cwd())
    candidates: list[tuple[Control, Finding, int] | SourceError] = []
    for result in report.results:
        # Counted over every finding as SARIF counts them, so that the fingerprints agree.
        seen: Counter[str] = Counter()
        for finding in result.findings:
            if finding.status in (*_LISTED, Status.WAIVED, Status.BASELINED):
                occurrence = seen[finding.subject]
                seen[finding.subject] += 1
                if finding.status in _LISTED:
                    candidates.append((result.control, finding, occurrence))
    candidates += report.errors
    kept, _ = select(
        candidates,
        lambda item: (
            (item[1].status, item[0].severity) if isinstance(item, tuple) else (Status.ERROR, None)
        ),
        settings,
    )
    fallbacks: dict[str, RepositoryPath] = {}

    def fallback(control: Control) -> RepositoryPath:
        if control.id not in fallbacks:
            fallbacks[control.id] = fallback_path(control, settings)
        return fallbacks[control.id]

    return [
        _issue(*item, settings, partial(fallback, item[0]))
        if isinstance(item, tuple)
        else _source_error(item, settings)
        for item in kept
    ]


class GitlabFormat(Format):
    """GitLab code quality JSON: failing and erroring findings, at most --max-results."""

    name: ClassVar[str] = "gitlab"

    def write(self, report: Report, stream: TextIO) -> None:
        dump_json(code_quality(report, self.settings), stream)
