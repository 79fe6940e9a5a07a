"""Systems Manager against moto: parameters by type and key (never values), the session
documents that decide whether Session Manager encrypts and logs sessions and ends idle ones,
and the documents shared with every AWS account; and
over recorded responses (moto does not implement them), the managed instances with their patch
compliance."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import yaml

from adapters.aws.collectors.ssm import SESSION_PREFERENCES, SsmCollector
from checker.models import Status, Unresolved
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

COLLECTORS = [SsmCollector()]
PARAMETERS = "pci-8.3.2-ssm-parameter-encryption"
SESSIONS = "pci-2.2.7-session-manager-encryption-logging"
IDLE = "pci-8.2.8-session-manager-idle-timeout"
PATCHES = "pci-6.3.3-ssm-patch-compliance"
VALUE_CANARY = "fake-parameter-canary-value"
ACCOUNT = "123456789012"
REGION = REGIONS[0]


def parameter_arn(name: str) -> str:
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:parameter/{name.lstrip('/')}"


def document_arn(name: str) -> str:
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:document/{name}"


def instance_arn(identifier: str) -> str:
    return f"arn:aws:ssm:{REGION}:{ACCOUNT}:managed-instance/{identifier}"


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
            kmsKeyId=key,
            s3BucketName="payments-session-logs",
            s3EncryptionEnabled=True,
            idleSessionTimeout="15",
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
                    idleSessionTimeout=10,
                )
            )
        ),
    )
    ssm.create_document(
        Name="Operators-Shell-bad",
        DocumentType="Session",
        Content=session_document(cloudWatchLogGroupName="/ssm/sessions"),
    )
    ssm.create_document(
        Name="Operators-Shell-idle-bad",
        DocumentType="Session",
        Content=session_document(
            kmsKeyId=key,
            cloudWatchLogGroupName="/ssm/sessions",
            cloudWatchEncryptionEnabled=True,
            idleSessionTimeout="30",
        ),
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


def _command_document(ssm: Any, name: str) -> None:
    ssm.create_document(
        Name=name,
        DocumentType="Command",
        Content=json.dumps(
            {
                "schemaVersion": "2.2",
                "description": "Rotate the payment service's keys",
                "mainSteps": [
                    {
                        "action": "aws:runShellScript",
                        "name": "rotate",
                        "inputs": {"runCommand": ["rotate-keys"]},
                    }
                ],
            }
        ),
    )


def test_documents_shared_with_every_account_fail(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    ssm = client("ssm")
    for name, accounts in (
        ("rotate-keys-bad", ["all"]),
        ("rotate-keys-partner-good", ["210987654321"]),
        ("rotate-keys-private-good", []),
    ):
        _command_document(ssm, name)
        if accounts:
            ssm.modify_document_permission(
                Name=name, PermissionType="Share", AccountIdsToAdd=accounts
            )
    ssm.modify_document_permission(
        Name="Operators-Shell-bad", PermissionType="Share", AccountIdsToAdd=["all"]
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = verdicts_of(report, "pci-1.4.4-no-public-resource-policies")
    assert statuses == {
        document_arn(SESSION_PREFERENCES): Status.PASS,
        document_arn("Operators-Shell-good"): Status.PASS,
        document_arn("Operators-Shell-bad"): Status.FAIL,
        document_arn("Operators-Shell-idle-bad"): Status.PASS,
        document_arn("rotate-keys-bad"): Status.FAIL,
        document_arn("rotate-keys-partner-good"): Status.PASS,
        document_arn("rotate-keys-private-good"): Status.PASS,
    }
    # The session checks still judge session documents only.
    assert document_arn("rotate-keys-bad") not in findings_of(report, SESSIONS)


def test_an_unreadable_share_is_an_error_for_the_sharing_check_only(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"before-call.ssm.DescribeDocumentPermission": denied("DescribeDocumentPermission")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    sharing = verdicts_of(report, "pci-1.4.4-no-public-resource-policies")
    assert sharing[document_arn("Operators-Shell-good")] is Status.ERROR
    assert findings_of(report, SESSIONS)[document_arn("Operators-Shell-good")] == [
        Status.PASS,
        Status.PASS,
    ]


def test_an_unlisted_set_of_documents_leaves_every_share_unknown(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.ssm.ListDocuments": denied("ListDocuments")}
    )
    sharing = verdicts_of(report, "pci-1.4.4-no-public-resource-policies")
    assert set(sharing.values()) == {Status.ERROR}
    assert document_arn(SESSION_PREFERENCES) in sharing
    # The preferences document is still read, and judged, by name.
    assert findings_of(report, SESSIONS)[document_arn(SESSION_PREFERENCES)] == [
        Status.PASS,
        Status.PASS,
    ]


def test_preferences_never_saved_mean_the_defaults_which_fail(endpoint: str) -> None:
    reset(endpoint)
    _, report = scan_with(endpoint, COLLECTORS)
    statuses = findings_of(report, SESSIONS)
    assert statuses == {document_arn(SESSION_PREFERENCES): [Status.FAIL, Status.FAIL]}
    # Never saved: sessions end after the default 20 idle minutes.
    assert verdicts_of(report, IDLE) == {document_arn(SESSION_PREFERENCES): Status.FAIL}


def test_a_denied_document_read_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.ssm.GetDocument": denied("GetDocument")}
    )
    statuses = findings_of(report, SESSIONS)
    assert statuses[document_arn(SESSION_PREFERENCES)] == [Status.ERROR, Status.ERROR]
    assert statuses[document_arn("Operators-Shell-bad")] == [Status.ERROR, Status.ERROR]
    assert set(verdicts_of(report, IDLE).values()) == {Status.ERROR}
    assert findings_of(report, PARAMETERS)[parameter_arn("/payments/db-password-bad")] == [
        Status.FAIL
    ]


def test_shell_sessions_must_end_after_at_most_15_idle_minutes(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS, **recorded_responses("ssm", "ssm-patch"))
    assert snapshot.errors == ()
    assert verdicts_of(report, IDLE) == {
        document_arn(SESSION_PREFERENCES): Status.PASS,
        # Stored as YAML, with the timeout as a number.
        document_arn("Operators-Shell-good"): Status.PASS,
        # No timeout: Session Manager's default of 20 minutes.
        document_arn("Operators-Shell-bad"): Status.FAIL,
        document_arn("Operators-Shell-idle-bad"): Status.FAIL,
    }


def test_managed_instances_must_be_compliant_with_their_patch_baseline(endpoint: str) -> None:
    reset(endpoint)
    called: list[str] = []

    def record(model: Any, **_: Any) -> None:
        called.append(model.name)

    hooks = {**recorded_responses("ssm", "ssm-patch"), "after-call.ssm": record}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, PATCHES) == {
        instance_arn("i-0a1b2c3d4e5f60001"): Status.PASS,
        # Two critical patches missing.
        instance_arn("i-0a1b2c3d4e5f60002"): Status.FAIL,
        # Registered but never scanned: nothing shows its patches.
        instance_arn("mi-0123456789abcdef0"): Status.FAIL,
    }
    (result,) = [r for r in report.results if r.control.id == PATCHES]
    never = next(f for f in result.findings if f.resource.endswith("mi-0123456789abcdef0"))
    assert "PatchCompliance.Status" in never.message
    # One compliance listing for the region, not one call per instance.
    assert called.count("ListResourceComplianceSummaries") == 1


def test_an_unlisted_patch_compliance_errors_every_instance(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(endpoint, COLLECTORS, **recorded_responses("ssm", "ssm-patch-denied"))
    statuses = verdicts_of(report, PATCHES)
    assert statuses == {
        instance_arn("i-0a1b2c3d4e5f60001"): Status.ERROR,
        instance_arn("i-0a1b2c3d4e5f60002"): Status.ERROR,
        instance_arn("mi-0123456789abcdef0"): Status.ERROR,
    }
    (result,) = [r for r in report.results if r.control.id == PATCHES]
    assert all("ssm:ListResourceComplianceSummaries" in f.message for f in result.findings)
    # The session documents do not depend on it.
    assert verdicts_of(report, IDLE)[document_arn(SESSION_PREFERENCES)] == Status.PASS


def test_unlisted_instances_are_an_error_not_nothing_to_judge(endpoint: str) -> None:
    reset(endpoint)
    hooks = recorded_responses("ssm", "ssm-instances-denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    (result,) = [r for r in report.results if r.control.id == PATCHES]
    (finding,) = result.findings
    assert finding.status is Status.ERROR
    assert "ssm:DescribeInstanceInformation" in finding.message


def test_a_yaml_document_whose_aliases_explode_is_not_expanded() -> None:
    from adapters.aws.collectors.ssm import _parsed_content

    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
    )
    parsed = _parsed_content(bomb, {"DocumentFormat": "YAML"}, "Operators-Shell")
    assert isinstance(parsed, Unresolved)
    assert "could not be parsed" in parsed.reason
