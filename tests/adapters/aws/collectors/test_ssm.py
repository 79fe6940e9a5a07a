"""Systems Manager against moto: parameters by type and key (never values), and the session
documents that decide whether Session Manager encrypts and logs sessions."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import yaml
from botocore.exceptions import ClientError

from adapters.aws.collectors.ssm import SESSION_PREFERENCES, SsmCollector
from checker.models import Status, Unresolved
from checker.serialization import snapshot_to_dict
from tests.adapters.aws.conftest import REGIONS, client_for, findings_of, reset, scan_with

COLLECTORS = [SsmCollector()]
PARAMETERS = "pci-8.3.2-ssm-parameter-encryption"
SESSIONS = "pci-2.2.7-session-manager-encryption-logging"
VALUE_CANARY = "fake-parameter-canary-value"
ACCOUNT = "123456789012"
REGION = REGIONS[0]


def parameter_arn(name: str) -> str:
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{name.lstrip('/')}"


def document_arn(name: str) -> str:
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:document/{name}"


def session_document(session_type: str = "Standard_Stream", **inputs: Any) -> str:
    return json.dumps(
        {
            "schemaVersion": "1.0",
            "description": "Session Manager preferences",
            "sessionType": session_type,
            "inputs": inputs,
        }
    )


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant SSM parameters and session documents in one region."""
    ssm = client("ssm")
    key = client("kms").create_key(Description="parameters")["KeyMetadata"]["Arn"]
    ssm.put_parameter(
        Name="/payments/db-password-good", Type="SecureString", KeyId=key, Value=VALUE_CANARY
    )
    ssm.put_parameter(Name="/payments/db-password-bad", Type="String", Value=VALUE_CANARY)
    # A SecureString under the AWS managed key (alias/aws/ssm).
    ssm.put_parameter(Name="/payments/api-token-bad", Type="SecureString", Value=VALUE_CANARY)
    ssm.put_parameter(Name="/payments/db-host", Type="String", Value="ledger.internal")
    ssm.create_document(
        Name=SESSION_PREFERENCES,
        DocumentType="Session",
        Content=session_document(
            kmsKeyId=key, s3BucketName="payments-session-logs", s3EncryptionEnabled=True
        ),
    )
    ssm.create_document(
        Name="Operators-Shell-good",
        DocumentType="Session",
        DocumentFormat="YAML",
        Content=yaml.safe_dump(
            json.loads(
                session_document(
                    kmsKeyId="alias/payments-sessions",
                    cloudWatchLogGroupName="/ssm/sessions",
                    cloudWatchEncryptionEnabled=True,
                )
            )
        ),
    )
    ssm.create_document(
        Name="Operators-Shell-bad",
        DocumentType="Session",
        Content=session_document(cloudWatchLogGroupName="/ssm/sessions"),
    )


def test_parameters_named_like_secrets_must_be_securestrings_under_a_customer_key(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = findings_of(report, PARAMETERS)
    assert statuses[parameter_arn("/payments/db-password-good")] == [Status.PASS, Status.PASS]
    assert statuses[parameter_arn("/payments/db-password-bad")] == [Status.FAIL]
    assert statuses[parameter_arn("/payments/api-token-bad")] == [Status.PASS, Status.FAIL]
    assert parameter_arn("/payments/db-host") not in statuses


def test_parameter_values_are_never_read(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    called: list[str] = []

    def record(model: Any, **_: Any) -> None:
        called.append(model.name)

    snapshot, _ = scan_with(endpoint, COLLECTORS, **{"before-call.ssm": record})
    assert "GetParameter" not in called and "GetParameters" not in called
    assert VALUE_CANARY not in str(snapshot_to_dict(snapshot))


def test_session_documents_need_a_key_and_encrypted_logging(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    client("ssm").create_document(
        Name="Database-Tunnel",
        DocumentType="Session",
        Content=json.dumps(
            {
                "schemaVersion": "1.0",
                "description": "Port forwarding",
                "sessionType": "Port",
                "properties": {"portNumber": "5432"},
            }
        ),
    )
    _, report = scan_with(endpoint, COLLECTORS)
    statuses = findings_of(report, SESSIONS)
    assert statuses[document_arn(SESSION_PREFERENCES)] == [Status.PASS, Status.PASS]
    # Stored as YAML; read as the document it holds.
    assert statuses[document_arn("Operators-Shell-good")] == [Status.PASS, Status.PASS]
    # No key; CloudWatch Logs named but not encrypted.
    assert statuses[document_arn("Operators-Shell-bad")] == [Status.FAIL, Status.FAIL]
    assert document_arn("Database-Tunnel") not in statuses


def test_preferences_never_saved_mean_the_defaults_which_fail(endpoint: str) -> None:
    reset(endpoint)
    _, report = scan_with(endpoint, COLLECTORS)
    statuses = findings_of(report, SESSIONS)
    assert statuses == {document_arn(SESSION_PREFERENCES): [Status.FAIL, Status.FAIL]}


def test_a_denied_document_read_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
        }
        raise ClientError(response, "GetDocument")

    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.ssm.GetDocument": deny})
    statuses = findings_of(report, SESSIONS)
    assert statuses[document_arn(SESSION_PREFERENCES)] == [Status.ERROR, Status.ERROR]
    assert statuses[document_arn("Operators-Shell-bad")] == [Status.ERROR, Status.ERROR]
    assert findings_of(report, PARAMETERS)[parameter_arn("/payments/db-password-bad")] == [
        Status.FAIL
    ]


def test_a_yaml_document_whose_aliases_explode_is_not_expanded() -> None:
    from adapters.aws.collectors.ssm import _parsed_content

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    parsed = _parsed_content(bomb, {"DocumentFormat": "YAML"}, "Operators-Shell")
    assert isinstance(parsed, Unresolved)
    assert "could not be parsed" in parsed.reason
