"""The Step Functions collector against moto's server, and the controls that judge whether a
state machine logs every execution and whether those logs carry execution input and output."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.stepfunctions import StepFunctionsCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [StepFunctionsCollector()]
LOGGING = "pci-10.2.1-appsync-stepfunctions-logging"
PAYLOADS = "pci-3.3.1-appsync-stepfunctions-payload-logs"
LOG_GROUP = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vendedlogs/states/payments:*"
DEFINITION = json.dumps({"StartAt": "Done", "States": {"Done": {"Type": "Pass", "End": True}}})


def _logging(level: str, include_data: bool) -> dict[str, Any]:
    return {
        "level": level,
        "includeExecutionData": include_data,
        "destinations": [{"cloudWatchLogsLogGroup": {"logGroupArn": LOG_GROUP}}],
    }


def seed(client: Callable[[str], Any]) -> None:
    """State machines in one region: compliant ones, and one for each way of breaking either
    control."""
    sfn = client("stepfunctions")
    machines: dict[str, tuple[str, dict[str, Any] | None]] = {
        "settlement-sfn-good": ("STANDARD", _logging("ALL", False)),
        "authorize-sfn-express-good": ("EXPRESS", _logging("ALL", False)),
        "capture-sfn-payload-bad": ("STANDARD", _logging("ALL", True)),
        "payouts-sfn-errors-only-bad": ("STANDARD", _logging("ERROR", False)),
        "refunds-sfn-unlogged-bad": ("STANDARD", None),
    }
    for name, (kind, logging) in machines.items():
        extra = {"loggingConfiguration": logging} if logging else {}
        sfn.create_state_machine(
            name=name,
            definition=DEFINITION,
            roleArn="arn:aws:iam::123456789012:role/sfn-execution",
            type=kind,
            tags=[{"key": "DataClassification", "value": "cardholder"}],
            **extra,
        )


def _arn(name: str) -> str:
    return f"arn:aws:states:{REGIONS[0]}:123456789012:stateMachine:{name}"


EXPECTED_LOGGING = {
    _arn("settlement-sfn-good"): Status.PASS,
    _arn("authorize-sfn-express-good"): Status.PASS,
    _arn("capture-sfn-payload-bad"): Status.PASS,
    _arn("payouts-sfn-errors-only-bad"): Status.FAIL,
    _arn("refunds-sfn-unlogged-bad"): Status.FAIL,
}
EXPECTED_PAYLOADS = {
    _arn("settlement-sfn-good"): Status.PASS,
    _arn("authorize-sfn-express-good"): Status.PASS,
    _arn("capture-sfn-payload-bad"): Status.FAIL,
    _arn("payouts-sfn-errors-only-bad"): Status.PASS,
    _arn("refunds-sfn-unlogged-bad"): Status.PASS,
}


def test_state_machines_are_judged_by_their_logging_level_and_execution_data(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, LOGGING) == EXPECTED_LOGGING
    assert verdicts_of(report, PAYLOADS) == EXPECTED_PAYLOADS
    good = next(r for r in snapshot.resources if r.address == _arn("settlement-sfn-good"))
    assert good.tags == {"DataClassification": "cardholder"}
    assert good.attributes["type"] == "STANDARD"
    # The workflow's code is not collected.
    assert "definition" not in good.attributes


def _error(operation: str) -> Any:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    return ClientError(response, operation)


def _describe_denied_for_capture(params: dict[str, Any], **_: Any) -> None:
    if "capture" in params.get("stateMachineArn", ""):
        raise _error("DescribeStateMachine")


def test_an_undescribed_machine_is_an_error_for_both_controls_and_no_other(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"before-parameter-build.sfn.DescribeStateMachine": _describe_denied_for_capture}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    capture = _arn("capture-sfn-payload-bad")
    for control, expected in ((LOGGING, EXPECTED_LOGGING), (PAYLOADS, EXPECTED_PAYLOADS)):
        assert verdicts_of(report, control) == {**expected, capture: Status.ERROR}
        (result,) = [r for r in report.results if r.control.id == control]
        (finding,) = [f for f in result.findings if f.resource == capture]
        assert "states:DescribeStateMachine" in finding.message


def _tags_denied(**_: Any) -> None:
    raise _error("ListTagsForResource")


def test_unreadable_tags_change_no_verdict_of_these_unscoped_controls(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.sfn.ListTagsForResource": _tags_denied}
    )
    assert verdicts_of(report, LOGGING) == EXPECTED_LOGGING
    assert verdicts_of(report, PAYLOADS) == EXPECTED_PAYLOADS
    good = next(r for r in snapshot.resources if r.address == _arn("settlement-sfn-good"))
    assert "states:ListTagsForResource" in str(good.tags)


def _list_denied(**_: Any) -> None:
    raise _error("ListStateMachines")


def test_an_unlisted_region_is_an_error_for_both_controls(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.sfn.ListStateMachines": _list_denied}
    )
    stand_in = "123456789012/eu-west-1/stepfunctions.state_machine/*"
    for control in (LOGGING, PAYLOADS):
        assert verdicts_of(report, control) == {stand_in: Status.ERROR}
        (result,) = [r for r in report.results if r.control.id == control]
        assert "states:ListStateMachines" in result.findings[0].message
