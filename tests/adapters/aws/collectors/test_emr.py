"""The EMR collector against moto's server (and a recorded answer for a configuration that is
off, which moto cannot store), and the control that wants block public access on in every
region with no port left open to the internet."""

from __future__ import annotations

from typing import Any

from adapters.aws.collectors.emr import EmrCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [EmrCollector()]
CONTROL = "pci-1.3.1-emr-block-public-access"


def _address(region: str = REGIONS[0]) -> str:
    return f"123456789012/{region}/emr.block_public_access"


def _configure(endpoint: str, **configuration: Any) -> None:
    client_for(endpoint)("emr").put_block_public_access_configuration(
        BlockPublicAccessConfiguration=configuration
    )


def test_block_public_access_without_exceptions_passes(endpoint: str) -> None:
    reset(endpoint)
    _configure(endpoint, BlockPublicSecurityGroupRules=True)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {_address(): Status.PASS}


def test_a_permitted_port_range_fails(endpoint: str) -> None:
    # The account default: on, with SSH from anywhere still permitted.
    reset(endpoint)
    _configure(
        endpoint,
        BlockPublicSecurityGroupRules=True,
        PermittedPublicSecurityGroupRuleRanges=[{"MinRange": 22, "MaxRange": 22}],
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {_address(): Status.FAIL}


def test_block_public_access_turned_off_fails(endpoint: str) -> None:
    # moto stores BlockPublicSecurityGroupRules=false as true, so AWS's answer is recorded.
    hooks = recorded_responses("emr", "emr-block-off")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {_address(): Status.FAIL}


def test_every_scanned_region_is_judged(endpoint: str) -> None:
    # moto's server keeps one EMR configuration whatever the region; AWS keeps one per region.
    reset(endpoint)
    _configure(endpoint, BlockPublicSecurityGroupRules=True)
    snapshot, report = scan_with(endpoint, COLLECTORS, REGIONS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {_address(r): Status.PASS for r in REGIONS}
    assert {r.region for r in snapshot.resources} == set(REGIONS)


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 400},
    }
    raise ClientError(response, "GetBlockPublicAccessConfiguration")


def test_an_unreadable_configuration_is_an_error_in_its_region(endpoint: str) -> None:
    reset(endpoint)
    _configure(endpoint, BlockPublicSecurityGroupRules=True)
    hook = {"before-call.emr.GetBlockPublicAccessConfiguration": _denied}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hook)
    assert verdicts_of(report, CONTROL) == {_address(): Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert "elasticmapreduce:GetBlockPublicAccessConfiguration" in result.findings[0].message
    assert [r.address for r in snapshot.resources] == [_address()]
