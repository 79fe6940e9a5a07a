"""The Inspector collector against moto's server, and the controls that want EC2, ECR and
Lambda scanning on in every region and every EC2 instance scanned (over recorded ListCoverage
answers, which moto does not implement)."""

from __future__ import annotations

from typing import Any

from adapters.aws.collectors.inspector2 import Inspector2Collector
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [Inspector2Collector()]
CONTROL = "pci-11.3.1-inspector-enabled"
ACCOUNT = "123456789012"
NEVER_ENABLED = "us-east-1"


def _address(region: str) -> str:
    return f"{ACCOUNT}/{region}/inspector2"


def seed_account(endpoint: str) -> None:
    """Every type scanned in the first region; Lambda left out in the second; Inspector
    never enabled in us-east-1."""
    client_for(endpoint, REGIONS[0])("inspector2").enable(
        accountIds=[ACCOUNT], resourceTypes=["EC2", "ECR", "LAMBDA"]
    )
    client_for(endpoint, REGIONS[1])("inspector2").enable(
        accountIds=[ACCOUNT], resourceTypes=["EC2", "ECR", "LAMBDA_CODE"]
    )


def test_each_region_is_judged_by_the_types_inspector_scans(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS, (*REGIONS, NEVER_ENABLED))
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _address(REGIONS[0]): Status.PASS,
        _address(REGIONS[1]): Status.FAIL,
        _address(NEVER_ENABLED): Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == _address(REGIONS[0]))
    assert good.attributes["resourceState"]["lambda"] == {"status": "ENABLED"}


def test_a_region_where_scanning_was_disabled_again_fails(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    client_for(endpoint)("inspector2").disable(accountIds=[ACCOUNT], resourceTypes=["ECR"])
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.FAIL}


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "BatchGetAccountStatus")


def test_an_unreadable_status_is_an_error_not_a_fail(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.inspector2.BatchGetAccountStatus": _denied}
    )
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    (finding,) = result.findings
    assert "inspector2:BatchGetAccountStatus" in finding.message
    accounts = [r.address for r in snapshot.resources if r.type == "inspector2.account"]
    assert accounts == [_address(REGIONS[0])]


def test_an_account_the_answer_lists_as_failed_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    hooks = recorded_responses("inspector2", "inspector2-failed-account")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert "ACCESS_DENIED" in result.findings[0].message


COVERAGE = "pci-11.3.1.2-inspector-instance-coverage"


def _instance(identifier: str) -> str:
    return f"arn:aws:ec2:{REGIONS[0]}:{ACCOUNT}:instance/{identifier}"


def test_each_instance_inspector_cannot_scan_fails(endpoint: str) -> None:
    """Over a recorded ListCoverage answer (moto does not implement it)."""
    reset(endpoint)
    seed_account(endpoint)
    hooks = recorded_responses("inspector2", "inspector2-coverage")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, COVERAGE) == {
        _instance("i-0a1b2c3d4e5f60001"): Status.PASS,
        _instance("i-0a1b2c3d4e5f60002"): Status.PASS,
        _instance("i-0a1b2c3d4e5f60003"): Status.FAIL,
    }
    (agent,) = [r for r in snapshot.resources if r.address == _instance("i-0a1b2c3d4e5f60001")]
    assert agent.tags == {"Name": "ledger-agent-good", "DataClassification": "cardholder"}
    assert agent.attributes["scanMode"] == "EC2_SSM_AGENT_BASED"
    # The account's status is still judged on its own.
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.PASS}


def test_unlisted_coverage_is_an_error_not_nothing_to_judge(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    hooks = recorded_responses("inspector2", "inspector2-coverage-denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    statuses = verdicts_of(report, COVERAGE)
    assert set(statuses.values()) == {Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == COVERAGE]
    assert "inspector2:ListCoverage" in result.findings[0].message
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.PASS}
