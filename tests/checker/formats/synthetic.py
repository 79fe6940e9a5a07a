"""Large reports built in memory, for the formats' limits and their cost."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from checker.models import Finding, Location, SourceError, Status, WaiverNote, worst
from checker.policy import Control
from checker.results import ControlResult, Report
from checker.waivers import Waiver

SEVERITIES = ("critical", "high", "medium", "low", "info")
STARTED = datetime(2026, 11, 22, 10, 0, 0, tzinfo=UTC)
FINISHED = datetime(2026, 11, 22, 10, 0, 42, tzinfo=UTC)
ACCOUNT = Location(extra={"account": "111122223333", "region": "eu-west-1"})


def control(number: int, severity: str) -> Control:
    """A control of the given severity, filed in the policies of the test data."""
    return Control(
        id=f"test-synthetic-{number:03d}",
        title=f"Synthetic control number {number} holds on every resource",
        severity=severity,
        frameworks={"pci-dss-4.0": ("3.5.1",), "gdpr": ("Art.32(1)(a)",)},
        rationale="A control made up for measuring the formats.",
        remediation="Change the resource so that the synthetic control holds.",
        checks=(),
        path=Path("tests/data/policies/live/live-bucket.yaml"),
    )


def _status(index: int) -> Status:
    # Mostly failures, with errors, waivers, baselined findings and passes among them.
    return (
        Status.FAIL,
        Status.FAIL,
        Status.ERROR,
        Status.BASELINED,
        Status.WAIVED,
        Status.FAIL,
        Status.PASS,
    )[index % 7]


def _finding(control_number: int, index: int) -> Finding:
    status = _status(index)
    waiver = (
        WaiverNote("Accepted until the migration", "waivers.yaml")
        if status is Status.WAIVED
        else None
    )
    if index % 3 == 0:
        return Finding(
            "aws",
            f"arn:aws:s3:::synthetic-bucket-{control_number}-{index}",
            status,
            "Versioning is not enabled: the bucket's Versioning.Status is absent, expected Enabled",
            ACCOUNT,
            waiver=waiver,
        )
    return Finding(
        "terraform",
        f"module.platform.aws_s3_bucket.synthetic_{control_number}[{index}]",
        status,
        "storage_encrypted is false; expected true (set storage_encrypted and a KMS key)",
        Location(f"infra/modules/platform/bucket_{index % 40}.tf", 10 + index % 300),
        waiver=waiver,
    )


def large_report(findings: int = 12_000, controls: int = 60) -> Report:
    """A report of about `findings` findings spread over `controls` controls of every severity,
    with an unused waiver."""
    per_control = findings // controls
    results = []
    for number in range(controls):
        shown = tuple(_finding(number, index) for index in range(per_control))
        status = Status.ERROR if any(f.status is Status.ERROR for f in shown) else Status.FAIL
        results.append(ControlResult(control(number, SEVERITIES[number % 5]), status, shown))
    unused = Waiver(
        "test-synthetic-000",
        "aws_s3_bucket.gone",
        "The bucket is being deleted",
        "cso@example.com",
        "RISK-77",
        date(2030, 1, 1),
    )
    return Report(tuple(results), (), STARTED, FINISHED, ("terraform", "aws"), waivers=(unused,))


UNUSED_WAIVER = Waiver(
    "pci-1.4.4-rds-not-public",
    "aws_db_instance.retired",
    "The instance is being retired",
    "cso@example.com",
    "RISK-404",
    date(2030, 1, 1),
)


def with_baseline(report: Report, control_id: str = "pci-1.4.4-rds-not-public") -> Report:
    """The report with the failures of one control accepted by a baseline, and a waiver that
    matches nothing."""
    results = []
    for result in report.results:
        if result.control.id == control_id:
            findings = tuple(
                replace(f, status=Status.BASELINED) if f.status is Status.FAIL else f
                for f in result.findings
            )
            result = replace(result, status=worst([f.status for f in findings]), findings=findings)
        results.append(result)
    return replace(report, results=tuple(results), waivers=(*report.waivers, UNUSED_WAIVER))


def located_report(*locations: Location, status: Status = Status.FAIL) -> Report:
    """A report of one failing control with a finding at each location (resources r0, r1...),
    and a source error without a file."""
    findings = tuple(
        Finding("terraform", f"aws_s3_bucket.r{index}", status, "versioning is off", location)
        for index, location in enumerate(locations)
    )
    error = SourceError("aws", "AccessDenied listing buckets", ACCOUNT)
    return Report(
        (ControlResult(control(1, "high"), status, findings),),
        (error,),
        STARTED,
        FINISHED,
        ("terraform",),
    )


def graded_report() -> Report:
    """One control per severity, each with a failing, an erroring, a waived and a baselined
    finding (resources named `<severity>-<status>`)."""
    results = []
    for number, severity in enumerate(SEVERITIES):
        findings = tuple(
            Finding(
                "terraform",
                f"{severity}-{status}",
                status,
                f"{status} on a {severity} control",
                Location(f"infra/{severity}.tf", 1 + index),
                waiver=WaiverNote("accepted", "waivers.yaml") if status is Status.WAIVED else None,
            )
            for index, status in enumerate(
                (Status.WAIVED, Status.BASELINED, Status.FAIL, Status.ERROR, Status.PASS)
            )
        )
        results.append(ControlResult(control(number, severity), Status.ERROR, findings))
    return Report(tuple(results), (), STARTED, FINISHED, ("terraform",))
