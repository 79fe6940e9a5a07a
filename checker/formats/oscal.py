"""`--format oscal`: NIST OSCAL 1.2.1 assessment results.

One result for the run; an observation per finding (what was tested, on which resource, with
the evidence location and any waiver), and per attestation (what a person examined and
stated, with its evidence files as back-matter resources, hashed); a finding per control
objective whose target status says whether the control is satisfied. UUIDs are derived from
the content (version 5), so the same run gives the same document.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar, TextIO

from checker import __version__
from checker.attestations import Attestation
from checker.formats.base import Format
from checker.formats.json import dump_json
from checker.models import Finding, Status
from checker.results import ControlResult, Report, utc_timestamp

OSCAL_VERSION = "1.2.1"
_NAMESPACE = uuid.UUID("6f1c2a7e-4c1b-5d0e-9a51-0a55a7a11a2b")
_STATE = {
    Status.PASS: ("satisfied", "pass", None),
    Status.NOT_APPLICABLE: ("satisfied", "other", "No resource in scope."),
    Status.FAIL: ("not-satisfied", "fail", None),
    Status.ERROR: ("not-satisfied", "other", "Could not be evaluated; see the observations."),
    Status.WAIVED: ("not-satisfied", "other", "Risk accepted by waiver; see the observations."),
    Status.BASELINED: (
        "not-satisfied",
        "other",
        "Known failures accepted by a baseline file; see the observations.",
    ),
    Status.MANUAL: ("not-satisfied", "other", "Needs a person's attestation in force."),
}


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, "\0".join(parts)))


def _observation(result: ControlResult, finding: Finding, collected: str) -> dict[str, Any]:
    control = result.control
    observation: dict[str, Any] = {
        "uuid": _uuid("observation", control.id, finding.subject, str(finding.status)),
        "title": f"{control.id}: {finding.subject}",
        "description": f"{finding.status}: {finding.message}",
        "props": [
            {"name": "assessment-status", "value": str(finding.status)},
            {"name": "source", "value": finding.source},
        ],
        "methods": ["TEST"],
        "subjects": [
            {
                "subject-uuid": _uuid("resource", finding.source, finding.subject),
                "type": "resource",
                "title": finding.subject,
            }
        ],
        "relevant-evidence": [{"description": f"Observed at {finding.location}."}],
        "collected": collected,
    }
    if finding.waiver is not None:
        waiver = finding.waiver
        terms = [f"Waiver ({waiver.origin}): {waiver.reason}."]
        if waiver.waiver is not None:
            terms.append(
                f"Approved by {waiver.waiver.approver}, ticket {waiver.waiver.ticket}, "
                f"expires {waiver.waiver.expires.isoformat()}."
            )
        if waiver.expired:
            terms.append("The waiver has expired and no longer applies.")
        observation["remarks"] = " ".join(terms)
    elif finding.status is Status.BASELINED:
        observation["remarks"] = (
            "In the baseline: a known failure accepted by the baseline file; it is reported "
            "but does not fail the run."
        )
    return observation


def _attested(
    result: ControlResult, attestation: Attestation, resources: list[dict[str, Any]]
) -> dict[str, Any]:
    """The observation of a person's attestation, its evidence files added to `resources`."""
    control = result.control
    evidence = []
    for item in attestation.evidence:
        resource_uuid = _uuid("evidence", control.id, item.name, item.sha256)
        resources.append(
            {
                "uuid": resource_uuid,
                "title": item.name,
                "rlinks": [
                    {
                        "href": f"attestations/{control.id}/{item.name}",
                        "hashes": [{"algorithm": "SHA-256", "value": item.sha256}],
                    }
                ],
            }
        )
        evidence.append({"href": f"#{resource_uuid}", "description": f"Evidence: {item.name}."})
    lapsed = "" if result.attested else " The attestation has expired and no longer applies."
    return {
        "uuid": _uuid("attestation", control.id, attestation.date.isoformat()),
        "title": f"{control.id}: attested by {attestation.attester}",
        "description": attestation.statement,
        "props": [
            {"name": "assessment-status", "value": str(result.status)},
            {"name": "source", "value": "attestation"},
        ],
        "methods": ["EXAMINE", "INTERVIEW"],
        "relevant-evidence": evidence
        or [{"description": "No evidence file was given with the attestation."}],
        "collected": f"{attestation.date.isoformat()}T00:00:00Z",
        "expires": f"{attestation.expires.isoformat()}T23:59:59Z",
        "remarks": f"Attested by {attestation.attester} ({attestation.role}) on "
        f"{attestation.date.isoformat()}, until {attestation.expires.isoformat()}.{lapsed}",
    }


def _finding(result: ControlResult, observations: list[dict[str, Any]]) -> dict[str, Any]:
    control = result.control
    state, reason, remark = _STATE[result.status]
    if result.attested:
        remark = "Attested by a person; see the observations."
    status: dict[str, Any] = {"state": state, "reason": reason}
    if remark:
        status["remarks"] = remark
    finding: dict[str, Any] = {
        "uuid": _uuid("finding", control.id),
        "title": control.title,
        "description": control.rationale,
        "props": [{"name": "severity", "value": control.severity}]
        + [
            {"name": "framework-requirement", "value": f"{framework} {requirement}"}
            for framework, requirements in control.frameworks.items()
            for requirement in requirements
        ],
        "target": {
            "type": "objective-id",
            "target-id": control.id,
            "title": control.title,
            "status": status,
        },
        "remarks": f"Remediation: {control.remediation}",
    }
    if observations:
        finding["related-observations"] = [{"observation-uuid": o["uuid"]} for o in observations]
    return finding


def assessment_results(report: Report) -> dict[str, Any]:
    """The report as an OSCAL assessment-results document."""
    collected = utc_timestamp(report.finished)
    observations: list[dict[str, Any]] = []
    findings = []
    resources: list[dict[str, Any]] = []
    for result in report.results:
        own = [_observation(result, finding, collected) for finding in result.findings]
        if result.attestation is not None:
            own.append(_attested(result, result.attestation, resources))
        observations += own
        findings.append(_finding(result, own))
    run: dict[str, Any] = {
        "uuid": _uuid("result", utc_timestamp(report.started)),
        "title": "assaymark automated assessment",
        "description": f"Controls evaluated over: {', '.join(report.sources) or 'no source'}.",
        "start": utc_timestamp(report.started),
        "end": collected,
        "reviewed-controls": {"control-selections": [{"include-all": {}}]},
        "findings": findings,
    }
    if observations:
        run["observations"] = observations
    if report.errors:
        run["remarks"] = "Not everything could be read: " + "; ".join(
            f"{error.location}: {error.message}" for error in report.errors
        )
    document: dict[str, Any] = {
        "assessment-results": {
            "uuid": _uuid("assessment-results", utc_timestamp(report.started)),
            "metadata": {
                "title": "assaymark assessment results",
                "last-modified": collected,
                "version": __version__,
                "oscal-version": OSCAL_VERSION,
            },
            "import-ap": {
                "href": "policies/",
                "remarks": "The assessment plan is the assaymark control set in policies/.",
            },
            "results": [run],
        }
    }
    if resources:
        document["assessment-results"]["back-matter"] = {"resources": resources}
    return document


class OscalFormat(Format):
    """OSCAL assessment results (JSON)."""

    name: ClassVar[str] = "oscal"

    def write(self, report: Report, stream: TextIO) -> None:
        dump_json(assessment_results(report), stream)
