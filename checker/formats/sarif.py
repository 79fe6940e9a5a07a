"""`--format sarif`: SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps).

Every result has a physical location, as GitHub rejects a whole file otherwise: findings without
a file (live AWS, databases) are anchored to the control's policy file. Fingerprints are stable
across runs: the control id and the resource.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar, TextIO

from checker import __version__
from checker.formats.base import Format
from checker.formats.json import dump_json
from checker.models import Finding, Location, SourceError, Status
from checker.policy import Control
from checker.results import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SECURITY_SEVERITY = {"critical": "9.5", "high": "8.0", "medium": "5.5", "low": "3.0", "info": "1.0"}
LEVEL = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
SOURCE_ERROR_RULE = "assaymark-source-error"


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


def _physical(location: Location, fallback_uri: str) -> dict[str, Any]:
    if location.file is None:
        return {"artifactLocation": {"uri": fallback_uri}, "region": {"startLine": 1}}
    region: dict[str, Any] = {"startLine": location.line or 1}
    if location.end_line:
        region["endLine"] = location.end_line
    return {"artifactLocation": {"uri": location.file}, "region": region}


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


def _result(control: Control, index: int, finding: Finding, occurrence: int) -> dict[str, Any]:
    level = "error" if finding.status is Status.ERROR else LEVEL[control.severity]
    prefix = "could not be evaluated" if finding.status is Status.ERROR else control.title
    result: dict[str, Any] = {
        "ruleId": control.id,
        "ruleIndex": index,
        "level": level,
        "message": {"text": f"{prefix}: {finding.subject}: {finding.message}"},
        "locations": [{"physicalLocation": _physical(finding.location, policy_file_uri(control))}],
        "partialFingerprints": {
            "assaymark/v1": fingerprint(control.id, finding.subject, occurrence)
        },
        "properties": {"resource": finding.subject, "status": str(finding.status)},
    }
    if finding.status is Status.WAIVED and finding.waiver is not None:
        kind = "inSource" if finding.waiver.origin.startswith("inline") else "external"
        result["suppressions"] = [{"kind": kind, "justification": finding.waiver.reason}]
    return result


def _source_error(error: SourceError, index: int) -> dict[str, Any]:
    return {
        "ruleId": SOURCE_ERROR_RULE,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": f"could not be read or resolved: {error.message}"},
        "locations": [{"physicalLocation": _physical(error.location, ".")}],
        "partialFingerprints": {
            "assaymark/v1": fingerprint(SOURCE_ERROR_RULE, str(error.location))
        },
    }


def sarif_log(report: Report) -> dict[str, Any]:
    """The report as a SARIF log."""
    rules = [_rule(result.control) for result in report.results]
    results = []
    for index, result in enumerate(report.results):
        seen: Counter[str] = Counter()
        for finding in result.findings:
            if finding.status in (Status.FAIL, Status.ERROR, Status.WAIVED):
                occurrence = seen[finding.subject]
                seen[finding.subject] += 1
                results.append(_result(result.control, index, finding, occurrence))
    if report.errors:
        rules.append(
            {
                "id": SOURCE_ERROR_RULE,
                "shortDescription": {"text": "A source could not be read or resolved"},
                "defaultConfiguration": {"level": "error"},
                "properties": {"security-severity": "7.0", "tags": ["security"]},
            }
        )
        results += [_source_error(error, len(rules) - 1) for error in report.errors]
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "assaymark",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": rules,
                    }
                },
                "invocations": [{"executionSuccessful": report.exit_code in (0, 1)}],
                "results": results,
            }
        ],
    }


class SarifFormat(Format):
    """SARIF 2.1.0: one rule per control, one result per failing, erroring or waived finding."""

    name: ClassVar[str] = "sarif"

    def write(self, report: Report, stream: TextIO) -> None:
        dump_json(sarif_log(report), stream)
