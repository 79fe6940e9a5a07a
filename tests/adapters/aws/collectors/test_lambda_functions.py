"""Lambda functions against moto: secrets in the environment (judged on masked values) and the
KMS key that encrypts it, deprecated runtimes, cardholder functions outside a VPC, and
resource-based policies and function URLs open to everyone (function URLs from recorded
answers: moto's server does not list them)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.lambda_functions import LambdaCollector
from checker.models import Status
from checker.serialization import snapshot_to_dict
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    denied,
    findings_of,
    recorded_responses,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [LambdaCollector()]
CONTROL = "pci-8.6.2-lambda-environment-secrets"
PASSWORD_CANARY = "fake-lambda-password-canary"
API_KEY_CANARY = "fake-lambda-api-key-canary"
REGION = REGIONS[0]
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "lambda.amazonaws.com"},
                "Action": "sts:AssumeRole",
            }
        ],
    }
)


def function_arn(name: str) -> str:
    return f"arn:aws:lambda:{REGION}:123456789012:function:{name}"


def _package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return None\n")
    return buffer.getvalue()


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant Lambda functions in one region."""
    role = client("iam").create_role(
        RoleName="lambda-functions-seed", AssumeRolePolicyDocument=TRUST
    )["Role"]["Arn"]
    key = client("kms").create_key(Description="lambda environment")["KeyMetadata"]["Arn"]
    secret = f"arn:aws:secretsmanager:{REGION}:123456789012:secret:ledger-db-AbCdEf"
    for name, variables, kms in (
        ("settlement-good", {"DB_HOST": "ledger.internal", "DB_SECRET_ARN": secret}, key),
        ("healthcheck-good", None, None),
        ("settlement-bad", {"DB_HOST": "ledger.internal", "DB_PASSWORD": PASSWORD_CANARY}, None),
    ):
        extra: dict[str, Any] = {}
        if variables is not None:
            extra["Environment"] = {"Variables": variables}
        if kms is not None:
            extra["KMSKeyArn"] = kms
        client("lambda").create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role,
            Handler="app.handler",
            Code={"ZipFile": _package()},
            **extra,
        )


def test_functions_are_judged_by_key_and_by_the_names_of_their_variables(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = findings_of(report, CONTROL)
    assert statuses[function_arn("settlement-good")] == [Status.PASS, Status.PASS]
    assert statuses[function_arn("healthcheck-good")] == [Status.PASS, Status.PASS]
    assert statuses[function_arn("settlement-bad")] == [Status.FAIL, Status.FAIL]


def test_a_secret_is_found_by_its_masked_entry_and_never_copied(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    role = client("iam").get_role(RoleName="lambda-functions-seed")["Role"]["Arn"]
    key = client("kms").create_key(Description="second")["KeyMetadata"]["Arn"]
    # Encrypted with a key, but still a secret in plain environment.
    client("lambda").create_function(
        FunctionName="webhooks-bad",
        Runtime="python3.12",
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": _package()},
        KMSKeyArn=key,
        Environment={"Variables": {"PSP_API_KEY": API_KEY_CANARY, "PSP_API_KEY_ID": "psp-1"}},
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert findings_of(report, CONTROL)[function_arn("webhooks-bad")] == [Status.PASS, Status.FAIL]
    function = next(r for r in snapshot.resources if r.address == function_arn("webhooks-bad"))
    assert function.attributes["Environment"]["Variables"]["PSP_API_KEY"] == "****"
    assert {"name": "PSP_API_KEY", "value": "****"} in function.attributes["EnvironmentVariables"]
    text = str(snapshot_to_dict(snapshot))
    assert PASSWORD_CANARY not in text and API_KEY_CANARY not in text


RUNTIMES = "pci-6.3.3-lambda-supported-runtimes"
PUBLIC = "pci-1.4.4-no-public-resource-policies"
LIST_URLS = "before-call.lambda.ListFunctionUrlConfigs"


def _role(client: Callable[[str], Any]) -> str:
    arn: str = client("iam").create_role(
        RoleName="lambda-exposure-seed", AssumeRolePolicyDocument=TRUST
    )["Role"]["Arn"]
    return arn


def _function(
    client: Callable[[str], Any], role: str, name: str, runtime: str, **settings: Any
) -> None:
    """A function of the test package; `settings` are further CreateFunction parameters."""
    client("lambda").create_function(
        FunctionName=name,
        Runtime=runtime,
        Role=role,
        Handler="app.handler",
        Code={"ZipFile": _package()},
        **settings,
    )


def _urls(by_function: dict[str, str]) -> dict[str, Callable[..., Any]]:
    """A ListFunctionUrlConfigs hook answering, for each function named, the recorded answer
    of that folder under `tests/data/aws/lambda-function-urls/` (`none` for the others)."""
    answers = {
        folder: recorded_responses("lambda", f"lambda-function-urls/{folder}")[LIST_URLS]
        for folder in {"none", *by_function.values()}
    }

    def answer(**kwargs: Any) -> Any:
        path = str(kwargs["params"]["url_path"])
        name = path.split("/functions/")[1].split("/")[0]
        return answers[by_function.get(name, "none")](**kwargs)

    return {LIST_URLS: answer}


def test_functions_are_judged_by_whether_their_runtime_is_still_patched(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    role = _role(client)
    for name, runtime in (
        ("ledger-bad", "python3.8"),
        ("notify-bad", "nodejs16.x"),
        ("ledger-good", "python3.13"),
        ("statements-good", "java8.al2"),
    ):
        _function(client, role, name, runtime)
    client("lambda").create_function(
        FunctionName="scoring-image",
        Role=role,
        PackageType="Image",
        Code={"ImageUri": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/scoring:1.4.2"},
    )
    snapshot, report = scan_with(endpoint, COLLECTORS, **_urls({}))
    assert snapshot.errors == ()
    # The container image brings its own runtime and is not judged.
    assert verdicts_of(report, RUNTIMES) == {
        function_arn("ledger-bad"): Status.FAIL,
        function_arn("notify-bad"): Status.FAIL,
        function_arn("ledger-good"): Status.PASS,
        function_arn("statements-good"): Status.PASS,
    }


def seed_exposure(client: Callable[[str], Any]) -> None:
    """Functions whose resource-based policy allows everyone, or everyone from a named source."""
    role = _role(client)
    functions = ("open-bad", "bucket-good", "org-good", "account-good", "plain-good")
    for name in (*functions, "callbacks-bad", "reports-good"):
        _function(client, role, name, "python3.13")
    grants: dict[str, dict[str, str]] = {
        "open-bad": {},
        "bucket-good": {"SourceArn": "arn:aws:s3:::payments-uploads"},
        "org-good": {"PrincipalOrgID": "o-abc123def4"},
        "account-good": {"SourceAccount": "123456789012"},
    }
    for name, condition in grants.items():
        client("lambda").add_permission(
            FunctionName=name,
            StatementId="invoke",
            Action="lambda:InvokeFunction",
            Principal="*",
            **condition,
        )
    client("lambda").add_permission(
        FunctionName="plain-good",
        StatementId="events",
        Action="lambda:InvokeFunction",
        Principal="events.amazonaws.com",
        SourceArn="arn:aws:events:eu-west-1:123456789012:rule/nightly",
    )


URLS = {"callbacks-bad": "public", "reports-good": "signed"}


def test_policies_and_function_urls_open_to_everyone_fail(endpoint: str) -> None:
    reset(endpoint)
    seed_exposure(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS, **_urls(URLS))
    assert snapshot.errors == ()
    assert verdicts_of(report, PUBLIC) == {
        function_arn("open-bad"): Status.FAIL,
        function_arn("bucket-good"): Status.PASS,
        function_arn("org-good"): Status.PASS,
        function_arn("account-good"): Status.PASS,
        function_arn("plain-good"): Status.PASS,
        function_arn("callbacks-bad"): Status.FAIL,
        function_arn("reports-good"): Status.PASS,
    }
    callbacks = next(r for r in snapshot.resources if r.address == function_arn("callbacks-bad"))
    assert [url["AuthType"] for url in callbacks.attributes["FunctionUrlConfigs"]] == ["NONE"]
    assert "Policy" not in callbacks.attributes


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "GetPolicy")


def test_unreadable_function_urls_error_only_what_needs_them(endpoint: str) -> None:
    reset(endpoint)
    seed_exposure(client_for(endpoint))
    hooks = recorded_responses("lambda", "lambda-function-urls/denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    statuses = verdicts_of(report, PUBLIC)
    # A policy open to everyone fails whatever the URLs are; the rest cannot be decided.
    assert statuses.pop(function_arn("open-bad")) is Status.FAIL
    assert set(statuses.values()) == {Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == PUBLIC]
    (finding,) = [f for f in result.findings if f.resource == function_arn("plain-good")]
    assert "lambda:ListFunctionUrlConfigs" in finding.message
    # The runtime is known all the same.
    assert set(verdicts_of(report, RUNTIMES).values()) == {Status.PASS}


def test_an_unreadable_policy_errors_only_the_policy_check(endpoint: str) -> None:
    reset(endpoint)
    seed_exposure(client_for(endpoint))
    hooks = {"before-call.lambda.GetPolicy": _denied, **_urls(URLS)}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    statuses = verdicts_of(report, PUBLIC)
    # A function URL open to everyone fails whatever the policy says.
    assert statuses.pop(function_arn("callbacks-bad")) is Status.FAIL
    assert set(statuses.values()) == {Status.ERROR}
    assert set(verdicts_of(report, RUNTIMES).values()) == {Status.PASS}


def test_cardholder_functions_outside_a_vpc_fail(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    role = _role(client)
    ec2 = client("ec2")
    subnet = ec2.describe_subnets()["Subnets"][0]["SubnetId"]
    group = ec2.describe_security_groups()["SecurityGroups"][0]["GroupId"]
    cardholder = {"DataClassification": "cardholder"}
    for name, vpc, tags in (
        ("authorize-good", {"SubnetIds": [subnet], "SecurityGroupIds": [group]}, cardholder),
        ("capture-bad", None, cardholder),
        ("thumbnails-public", None, {"DataClassification": "public"}),
    ):
        extra: dict[str, Any] = {"VpcConfig": vpc} if vpc else {}
        _function(client, role, name, "python3.12", Tags=tags, **extra)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    # Only the functions tagged as handling cardholder data are judged.
    assert verdicts_of(report, "pci-1.3.2-cardholder-functions-in-vpc") == {
        function_arn("authorize-good"): Status.PASS,
        function_arn("capture-bad"): Status.FAIL,
    }
    (public,) = [r for r in snapshot.resources if r.address == function_arn("thumbnails-public")]
    assert public.tags == {"DataClassification": "public"}


def test_unreadable_tags_leave_the_scope_undecided(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    _function(client, _role(client), "capture-unknown", "python3.12")
    hooks = {"before-call.lambda.ListTags": denied("ListTags")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, "pci-1.3.2-cardholder-functions-in-vpc") == {
        function_arn("capture-unknown"): Status.ERROR
    }
    # Unscoped controls still judge the function.
    assert verdicts_of(report, CONTROL)[function_arn("capture-unknown")] is Status.PASS
