"""The AppSync collector against moto's server, and the controls that judge whether a GraphQL
API logs its requests and whether those logs carry full request payloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.appsync import AppSyncCollector
from checker.models import Snapshot, Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [AppSyncCollector()]
LOGGING = "pci-10.2.1-appsync-stepfunctions-logging"
PAYLOADS = "pci-3.3.1-appsync-stepfunctions-payload-logs"
ROLE = "arn:aws:iam::123456789012:role/appsync-cloudwatch-logs"


def seed(client: Callable[[str], Any]) -> None:
    """GraphQL APIs in one region: one compliant, and one for each way of breaking either
    control (the ARN is generated, so the Name tag carries good or bad)."""
    appsync = client("appsync")
    apis: dict[str, dict[str, Any] | None] = {
        "checkout-api-good": {
            "fieldLogLevel": "ERROR",
            "cloudWatchLogsRoleArn": ROLE,
            "excludeVerboseContent": True,
        },
        "wallet-api-verbose-bad": {
            "fieldLogLevel": "ALL",
            "cloudWatchLogsRoleArn": ROLE,
            "excludeVerboseContent": False,
        },
        "ledger-api-no-resolver-logs-bad": {
            "fieldLogLevel": "NONE",
            "cloudWatchLogsRoleArn": ROLE,
            "excludeVerboseContent": True,
        },
        "tokens-api-unlogged-bad": None,
    }
    for name, log_config in apis.items():
        extra = {"logConfig": log_config} if log_config else {}
        appsync.create_graphql_api(
            name=name, authenticationType="AWS_IAM", tags={"Name": name}, **extra
        )


def _by_name(snapshot: Snapshot) -> dict[str, str]:
    return {
        r.attributes["name"]: r.address
        for r in snapshot.resources
        if r.type == "appsync.graphql_api" and not r.unresolved
    }


def test_apis_are_judged_by_their_logging_and_its_verbose_content(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    arn = _by_name(snapshot)
    assert verdicts_of(report, LOGGING) == {
        arn["checkout-api-good"]: Status.PASS,
        arn["wallet-api-verbose-bad"]: Status.PASS,
        arn["ledger-api-no-resolver-logs-bad"]: Status.FAIL,
        arn["tokens-api-unlogged-bad"]: Status.FAIL,
    }
    assert verdicts_of(report, PAYLOADS) == {
        arn["checkout-api-good"]: Status.PASS,
        arn["wallet-api-verbose-bad"]: Status.FAIL,
        arn["ledger-api-no-resolver-logs-bad"]: Status.PASS,
        arn["tokens-api-unlogged-bad"]: Status.PASS,
    }
    good = next(r for r in snapshot.resources if r.address == arn["checkout-api-good"])
    assert good.tags == {"Name": "checkout-api-good"}
    assert good.attributes["logConfig"]["excludeVerboseContent"] is True


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "ListGraphqlApis")


def test_an_unlisted_region_is_an_error_for_both_controls(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.appsync.ListGraphqlApis": _denied}
    )
    stand_in = "123456789012/eu-west-1/appsync.graphql_api/*"
    for control in (LOGGING, PAYLOADS):
        assert verdicts_of(report, control) == {stand_in: Status.ERROR}
        (result,) = [r for r in report.results if r.control.id == control]
        assert "appsync:ListGraphqlApis" in result.findings[0].message
    assert _by_name(snapshot) == {}
