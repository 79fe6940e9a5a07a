"""The Macie collector against moto's server, and the control that wants Macie enabled in
every region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.macie import MacieCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [MacieCollector()]
CONTROL = "gdpr-art32-macie-enabled"
ACCOUNT = "123456789012"


def _address(region: str) -> str:
    return f"{ACCOUNT}/{region}/macie2"


def test_a_region_without_macie_fails_beside_one_with_it(endpoint: str) -> None:
    reset(endpoint)
    # moto starts every region with Macie enabled; without a session it answers
    # ResourceNotFoundException.
    client_for(endpoint, REGIONS[1])("macie2").disable_macie()
    snapshot, report = scan_with(endpoint, COLLECTORS, REGIONS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _address(REGIONS[0]): Status.PASS,
        _address(REGIONS[1]): Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == _address(REGIONS[0]))
    assert good.attributes["status"] == "ENABLED"


def test_a_paused_session_fails(endpoint: str) -> None:
    reset(endpoint)
    client_for(endpoint)("macie2").disable_macie()
    client_for(endpoint)("macie2").enable_macie(status="PAUSED")
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.FAIL}


def _refusing(message: str) -> Callable[..., None]:
    def refuse(**_: Any) -> None:
        from botocore.exceptions import ClientError

        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": message},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "GetMacieSession")

    return refuse


def test_aws_answer_for_macie_not_enabled_is_a_fail(endpoint: str) -> None:
    reset(endpoint)
    hook = {"before-call.macie2.GetMacieSession": _refusing("Macie is not enabled.")}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hook)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.FAIL}


def test_a_denied_call_is_an_error_not_a_missing_session(endpoint: str) -> None:
    reset(endpoint)
    denied = _refusing(
        "User: arn:aws:sts::123456789012:assumed-role/audit/scan is not authorized to perform:"
        " macie2:GetMacieSession"
    )
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.macie2.GetMacieSession": denied})
    assert verdicts_of(report, CONTROL) == {_address(REGIONS[0]): Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert "macie2:GetMacieSession" in result.findings[0].message
