"""Lambda functions against moto: secrets in the environment (judged on masked values) and the
KMS key that encrypts it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.lambda_functions import LambdaCollector
from checker.models import Status
from checker.serialization import snapshot_to_dict
from tests.adapters.aws.conftest import REGIONS, client_for, findings_of, reset, scan_with

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
