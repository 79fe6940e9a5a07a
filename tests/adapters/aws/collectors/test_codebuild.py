"""The CodeBuild collector against moto's server, and the controls that judge whether a build
project keeps secrets in plain-text environment variables and whether it keeps build logs."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.codebuild import CodeBuildCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [CodeBuildCollector()]
CONTROL = "pci-8.6.2-codebuild-environment-secrets"
CANARY = "fake-canary-Secret-value-1234567890"
ROLE = "arn:aws:iam::123456789012:role/codebuild-service"


def _project(
    codebuild: Any,
    name: str,
    variables: list[dict[str, str]],
    logs: dict[str, Any] | None = None,
) -> None:
    """A project with these environment variables, logging to CloudWatch Logs unless `logs`
    says otherwise."""
    codebuild.create_project(
        name=name,
        source={"type": "S3", "location": "builds/source.zip"},
        artifacts={"type": "NO_ARTIFACTS"},
        environment={
            "type": "LINUX_CONTAINER",
            "image": "aws/codebuild/standard:7.0",
            "computeType": "BUILD_GENERAL1_SMALL",
            "environmentVariables": [{"name": "LOG_LEVEL", "value": "info"}, *variables],
        },
        serviceRole=ROLE,
        logsConfig=logs or {"cloudWatchLogs": {"status": "ENABLED"}},
        tags=[{"key": "DataClassification", "value": "cardholder"}],
    )


def seed(client: Callable[[str], Any]) -> None:
    """Projects with a secret in plain text (typed and by default), and their twins that name
    the secret in Secrets Manager or Parameter Store, or only point at it."""
    codebuild = client("codebuild")
    _project(codebuild, "deploy-bad", [{"name": "DB_PASSWORD", "value": CANARY}])
    _project(
        codebuild,
        "deploy-typed-bad",
        [{"name": "STRIPE_API_KEY", "value": CANARY, "type": "PLAINTEXT"}],
    )
    _project(
        codebuild,
        "deploy-good",
        [
            {"name": "DB_PASSWORD", "value": "prod/db/password", "type": "SECRETS_MANAGER"},
            {"name": "API_TOKEN", "value": "/ci/api-token", "type": "PARAMETER_STORE"},
            {"name": "DB_SECRET_ARN", "value": "arn:aws:secretsmanager:eu-west-1:1:secret:db"},
        ],
    )


def _arn(name: str, region: str = REGIONS[0]) -> str:
    return f"arn:aws:codebuild:{region}:123456789012:project/{name}"


SEEDED = {
    _arn("deploy-bad"): Status.FAIL,
    _arn("deploy-typed-bad"): Status.FAIL,
    _arn("deploy-good"): Status.PASS,
}


def test_projects_are_judged_by_plain_text_variables_named_like_secrets(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == SEEDED
    bad = next(r for r in snapshot.resources if r.address == _arn("deploy-bad"))
    assert bad.tags == {"DataClassification": "cardholder"}
    assert bad.attributes["logsConfig"]["cloudWatchLogs"]["status"] == "ENABLED"
    variables = {
        v["name"]: v["value"] for v in bad.attributes["environment"]["environmentVariables"]
    }
    assert variables["LOG_LEVEL"] == "info"
    assert variables["DB_PASSWORD"] != CANARY


def test_no_secret_value_is_kept_in_the_snapshot_or_the_report(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    collected = json.dumps([r.attributes for r in snapshot.resources], default=str)
    assert "DB_PASSWORD" in collected
    assert CANARY not in collected
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all(CANARY not in f.message for f in result.findings)


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "BatchGetProjects")


def test_unreadable_projects_are_errors_not_passes(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.codebuild.BatchGetProjects": _denied}
    )
    assert verdicts_of(report, CONTROL) == dict.fromkeys(SEEDED, Status.ERROR)
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("codebuild:BatchGetProjects" in f.message for f in result.findings)
    assert {r.address for r in snapshot.resources} == set(SEEDED)


def test_projects_that_keep_no_build_logs_fail(endpoint: str) -> None:
    reset(endpoint)
    codebuild = client_for(endpoint)("codebuild")
    for name, logs in (
        ("build-good", {"cloudWatchLogs": {"status": "ENABLED"}}),
        (
            "deploy-s3-good",
            {
                "cloudWatchLogs": {"status": "DISABLED"},
                "s3Logs": {"status": "ENABLED", "location": "payments-build-logs/codebuild"},
            },
        ),
        ("deploy-bad", {"cloudWatchLogs": {"status": "DISABLED"}}),
    ):
        _project(codebuild, name, [], logs)
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, "pci-10.2.1-codebuild-logging") == {
        _arn("build-good"): Status.PASS,
        _arn("deploy-s3-good"): Status.PASS,
        _arn("deploy-bad"): Status.FAIL,
    }
