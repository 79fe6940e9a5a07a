"""The Security Hub collector against moto's server (GetEnabledStandards, which moto does not
implement, from recorded responses), and the control that wants a hub with a security
standard in every region."""

from __future__ import annotations

from collections import Counter
from typing import Any

from adapters.aws.collectors.securityhub import SecurityHubCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [SecurityHubCollector()]
CONTROL = "pci-10.7.2-securityhub-enabled"
ACCOUNT = "123456789012"


def _address(region: str) -> str:
    return f"{ACCOUNT}/{region}/securityhub"


def seed_account(endpoint: str) -> None:
    """A hub in the first region only."""
    client_for(endpoint, REGIONS[0])("securityhub").enable_security_hub()


def test_a_region_without_a_hub_fails_beside_one_with_a_ready_standard(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    called: Counter[str] = Counter()
    hooks = recorded_responses("securityhub", "securityhub-standards")
    answer = hooks["before-call.securityhub.GetEnabledStandards"]

    def counting(**kwargs: Any) -> Any:
        called["GetEnabledStandards"] += 1
        return answer(**kwargs)

    hooks["before-call.securityhub.GetEnabledStandards"] = counting
    snapshot, report = scan_with(endpoint, COLLECTORS, REGIONS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _address(REGIONS[0]): Status.PASS,
        _address(REGIONS[1]): Status.FAIL,
    }
    # Standards are read only where a hub is enabled.
    assert called == {"GetEnabledStandards": 1}
    absent = next(r for r in snapshot.resources if r.address == _address(REGIONS[1]))
    assert absent.attributes == {"Enabled": False, "StandardsSubscriptions": []}


def test_a_hub_with_no_ready_security_standard_fails(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    hooks = recorded_responses("securityhub", "securityhub-tagging-only")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.FAIL}


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeHub")


def test_an_undescribable_hub_is_an_error_not_a_missing_hub(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.securityhub.DescribeHub": _denied})
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert "securityhub:DescribeHub" in result.findings[0].message


def test_unreadable_standards_make_only_an_enabled_hub_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed_account(endpoint)
    hooks = recorded_responses("securityhub", "securityhub-standards-denied")
    _, report = scan_with(endpoint, COLLECTORS, REGIONS, **hooks)
    assert verdicts_of(report, CONTROL) == {
        _address(REGIONS[0]): Status.ERROR,
        _address(REGIONS[1]): Status.FAIL,
    }
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    (finding,) = [f for f in result.findings if f.resource == _address(REGIONS[0])]
    assert "securityhub:GetEnabledStandards" in finding.message
