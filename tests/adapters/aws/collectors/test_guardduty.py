"""The GuardDuty collector against moto's server (detectors and their features) and recorded
responses (moto does not implement publishing destinations), and the controls that want
detection, malware scans of EBS volumes, runtime monitoring and the export of findings in every
region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.guardduty import GuardDutyCollector, _features
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [GuardDutyCollector()]
DETECTION = "pci-11.5.1-guardduty-enabled"
MALWARE = "pci-5.2.1-guardduty-malware-protection"
RUNTIME = "pci-5.3.2-guardduty-runtime-monitoring"
EXPORT = "pci-5.3.4-guardduty-findings-export"
GOOD, BAD = REGIONS


def address(region: str) -> str:
    return f"123456789012/{region}/guardduty"


def seed_regions(endpoint: str) -> None:
    """A detector running every protection plan in one region, and in the other a detector
    with Malware Protection off and only the older EKS-only runtime monitoring."""
    client_for(endpoint, GOOD)("guardduty").create_detector(
        Enable=True,
        Features=[
            {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"},
            {"Name": "EBS_MALWARE_PROTECTION", "Status": "ENABLED"},
            {
                "Name": "RUNTIME_MONITORING",
                "Status": "ENABLED",
                "AdditionalConfiguration": [{"Name": "EC2_AGENT_MANAGEMENT", "Status": "ENABLED"}],
            },
        ],
    )
    client_for(endpoint, BAD)("guardduty").create_detector(
        Enable=True,
        Features=[
            {"Name": "EBS_MALWARE_PROTECTION", "Status": "DISABLED"},
            {"Name": "EKS_RUNTIME_MONITORING", "Status": "ENABLED"},
        ],
    )


def test_each_regions_detector_is_judged_by_its_own_protection_plans(endpoint: str) -> None:
    reset(endpoint)
    seed_regions(endpoint)
    hooks = recorded_responses("guardduty", "guardduty-export")
    snapshot, report = scan_with(endpoint, COLLECTORS, REGIONS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, MALWARE) == {address(GOOD): Status.PASS, address(BAD): Status.FAIL}
    assert verdicts_of(report, RUNTIME) == {address(GOOD): Status.PASS, address(BAD): Status.FAIL}
    assert verdicts_of(report, DETECTION) == dict.fromkeys(map(address, REGIONS), Status.PASS)
    assert verdicts_of(report, EXPORT) == dict.fromkeys(map(address, REGIONS), Status.PASS)
    good = next(r for r in snapshot.resources if r.address == address(GOOD))
    assert good.attributes["Features"] == {
        "S3_DATA_EVENTS": "ENABLED",
        "EBS_MALWARE_PROTECTION": "ENABLED",
        "RUNTIME_MONITORING": "ENABLED",
    }
    (destination,) = good.attributes["PublishingDestinations"]
    assert destination["DestinationProperties"]["KmsKeyArn"].startswith("arn:aws:kms:")


def test_a_region_without_an_enabled_detector_fails_every_plan(endpoint: str) -> None:
    reset(endpoint)
    client_for(endpoint, BAD)("guardduty").create_detector(
        Enable=False, Features=[{"Name": "EBS_MALWARE_PROTECTION", "Status": "ENABLED"}]
    )
    called: list[str] = []

    def record(model: Any, **_: Any) -> None:
        called.append(model.name)

    hooks = {
        **recorded_responses("guardduty", "guardduty-export"),
        "before-call.guardduty.GetDetector": record,
    }
    snapshot, report = scan_with(endpoint, COLLECTORS, REGIONS, **hooks)
    assert snapshot.errors == ()
    for control in (DETECTION, MALWARE, RUNTIME, EXPORT):
        assert verdicts_of(report, control) == dict.fromkeys(map(address, REGIONS), Status.FAIL)
    # One GetDetector for the one detector; a disabled detector's features count for nothing.
    assert called == ["GetDetector"]


def test_findings_must_be_published_to_s3_under_a_kms_key(endpoint: str) -> None:
    reset(endpoint)
    seed_regions(endpoint)
    for folder, expected in (
        ("guardduty-export", Status.PASS),
        ("guardduty-export-stopped", Status.FAIL),
        ("guardduty-no-export", Status.FAIL),
    ):
        hooks = recorded_responses("guardduty", folder)
        snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
        assert snapshot.errors == ()
        assert verdicts_of(report, EXPORT) == {address(GOOD): expected}, folder


def test_unlisted_destinations_error_only_the_export(endpoint: str) -> None:
    reset(endpoint)
    seed_regions(endpoint)
    hooks = recorded_responses("guardduty", "guardduty-export-denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, EXPORT) == {address(GOOD): Status.ERROR}
    assert verdicts_of(report, MALWARE) == {address(GOOD): Status.PASS}
    assert verdicts_of(report, RUNTIME) == {address(GOOD): Status.PASS}
    assert verdicts_of(report, DETECTION) == {address(GOOD): Status.PASS}
    (result,) = [r for r in report.results if r.control.id == EXPORT]
    assert "guardduty:ListPublishingDestinations" in result.findings[0].message


def _denied(operation: str) -> Callable[..., None]:
    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, operation)

    return deny


def test_an_undescribed_destination_errors_only_the_export(endpoint: str) -> None:
    reset(endpoint)
    seed_regions(endpoint)
    hooks = {
        **recorded_responses("guardduty", "guardduty-export"),
        "before-call.guardduty.DescribePublishingDestination": _denied(
            "DescribePublishingDestination"
        ),
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, EXPORT) == {address(GOOD): Status.ERROR}
    assert verdicts_of(report, MALWARE) == {address(GOOD): Status.PASS}


def test_an_undescribed_detector_errors_everything_that_needs_it(endpoint: str) -> None:
    reset(endpoint)
    seed_regions(endpoint)
    hooks = {
        **recorded_responses("guardduty", "guardduty-export"),
        "before-call.guardduty.GetDetector": _denied("GetDetector"),
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    for control in (DETECTION, MALWARE, RUNTIME, EXPORT):
        assert verdicts_of(report, control) == {address(GOOD): Status.ERROR}, control


def test_features_reported_only_as_data_sources_are_read_from_there() -> None:
    detector = {
        "Status": "ENABLED",
        "DataSources": {
            "S3Logs": {"Status": "ENABLED"},
            "MalwareProtection": {
                "ScanEc2InstanceWithFindings": {"EbsVolumes": {"Status": "ENABLED"}}
            },
        },
        "Features": [{"Name": "RUNTIME_MONITORING", "Status": "DISABLED"}],
    }
    assert _features(detector) == {
        "RUNTIME_MONITORING": "DISABLED",
        "EBS_MALWARE_PROTECTION": "ENABLED",
        "S3_DATA_EVENTS": "ENABLED",
    }
    listed = {**detector, "Features": [{"Name": "EBS_MALWARE_PROTECTION", "Status": "DISABLED"}]}
    assert _features(listed)["EBS_MALWARE_PROTECTION"] == "DISABLED"
