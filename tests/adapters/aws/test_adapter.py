"""The AWS adapter against moto's server: verdicts per resource, accounts, regions, faults."""

from __future__ import annotations

import json
import threading
from collections import Counter
from datetime import datetime
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws import Account, AwsAdapter
from adapters.aws.adapter import required_actions
from adapters.aws.collector import READ_ONLY_PREFIXES, iam_action
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import (
    REGIONS,
    SECOND_ACCOUNT_ROLE,
    SessionFactory,
    session_factory,
)

CONTROLS = load_controls([builtin_policy_dir()])
ACCOUNTS = (Account(), Account(role_arn=SECOND_ACCOUNT_ROLE, external_id="ext-12345"))


def scan(
    endpoint: str, factory: SessionFactory | None = None, accounts: tuple[Account, ...] = ACCOUNTS
) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(accounts, REGIONS, endpoint, session_factory=factory or session_factory())
    snapshot = adapter.collect()
    return snapshot, evaluate(CONTROLS, [snapshot])


def verdicts(report: Report, control_id: str) -> dict[str, Status]:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


def by_suffix(statuses: dict[str, Status], fragment: str) -> set[Status]:
    return {status for resource, status in statuses.items() if fragment in resource}


def test_each_seeded_violation_is_reported_with_its_arn(
    seeded_scan: tuple[Snapshot, Report],
) -> None:
    snapshot, report = seeded_scan
    assert snapshot.errors == ()
    buckets = verdicts(report, "pci-3.5.1-s3-kms-encryption")
    assert buckets["arn:aws:s3:::pay-good-eu-west-1"] is Status.PASS
    assert buckets["arn:aws:s3:::pay-bad-eu-central-1"] is Status.FAIL
    assert buckets["arn:aws:s3:::acct2-bad-eu-west-1"] is Status.FAIL
    for control in (
        "pci-1.4.4-s3-public-access-block",
        "pci-10.3.3-s3-versioning",
        "pci-4.2.1-s3-tls-only",
        "gdpr-art5-s3-lifecycle-personal",
        "pci-10.2.1-s3-access-logging",
    ):
        statuses = verdicts(report, control)
        assert by_suffix(statuses, "-good-") == {Status.PASS}, control
        assert by_suffix(statuses, "-bad-") == {Status.FAIL}, control
    groups = verdicts(report, "pci-1.3.1-sg-no-public-db-ports")
    assert Status.FAIL in groups.values()
    assert (
        sum(status is Status.FAIL for status in groups.values()) == 3
    )  # db-open, per region/account
    for control, good, bad in (
        ("pci-3.5.1-rds-storage-encrypted", "ledger-good", "ledger-bad"),
        ("pci-1.4.4-rds-not-public", "ledger-good", "ledger-bad"),
        ("gdpr-art32-rds-backup-retention", "ledger-good", "ledger-bad"),
        ("pci-10.5.1-log-retention", "/audit/good", "/audit/bad"),
        ("pci-10.3.2-log-group-kms", "/audit/good", "/audit/bad"),
        ("pci-3.5.1-sqs-encryption", "jobs-good", "jobs-bad"),
        ("pci-3.5.1-sns-kms", "events-good", "events-bad"),
        ("pci-3.6.1-secretsmanager-kms", "psp-good", "psp-bad"),
        ("pci-8.6.2-ecs-environment-secrets", "api-good", "api-bad"),
        ("pci-7.2.1-iam-no-full-admin", "role/api-good", "role/api-bad"),
        ("pci-3.6.1-dynamodb-kms", "idempotency-good", "idempotency-bad"),
    ):
        statuses = verdicts(report, control)
        assert by_suffix(statuses, good) == {Status.PASS}, control
        assert by_suffix(statuses, bad) == {Status.FAIL}, control
    volumes = verdicts(report, "pci-3.5.1-ebs-volume-encrypted")
    assert sorted(volumes.values()).count(Status.FAIL) == 3
    assert set(verdicts(report, "pci-8.3.6-password-length").values()) == {Status.FAIL}


def test_resources_carry_arn_account_region_and_tags(
    seeded_scan: tuple[Snapshot, Report],
) -> None:
    snapshot, _ = seeded_scan
    bucket = next(r for r in snapshot.resources if r.address == "arn:aws:s3:::acct2-good-eu-west-1")
    assert bucket.namespace == "222233334444"
    assert bucket.region == "eu-west-1"
    assert bucket.tags == {"DataClassification": "cardholder"}
    assert snapshot.metadata["collected_by"]["identities"]["222233334444"].endswith(
        "assumed-role/assaymark-audit/assaymark"
    )
    regions = {r.region for r in snapshot.resources if r.type == "ec2.security_group"}
    assert regions == set(REGIONS)


def deny(operation: str) -> Any:
    def handler(**_: Any) -> None:
        raise ClientError(
            {
                "Error": {"Code": "AccessDenied", "Message": "not allowed"},
                "ResponseMetadata": {"HTTPStatusCode": 403},
            },
            operation,
        )

    return handler


def test_a_denied_action_makes_exactly_its_checks_error(seeded: str) -> None:
    _, before = scan(seeded, accounts=ACCOUNTS[:1])
    factory = session_factory(**{"before-call.s3.GetBucketEncryption": deny("GetBucketEncryption")})
    _, after = scan(seeded, factory, ACCOUNTS[:1])
    encryption = verdicts(after, "pci-3.5.1-s3-kms-encryption")
    assert set(encryption.values()) == {Status.ERROR}
    (finding,) = [
        f
        for r in after.results
        if r.control.id == "pci-3.5.1-s3-kms-encryption"
        for f in r.findings
    ][:1]
    assert "s3:GetEncryptionConfiguration" in finding.message
    assert "AccessDenied" in finding.message
    for result in after.results:
        if result.control.id != "pci-3.5.1-s3-kms-encryption":
            assert verdicts(after, result.control.id) == verdicts(before, result.control.id)
    assert after.exit_code == 3


def test_a_denied_listing_errors_every_check_on_that_type(seeded: str) -> None:
    factory = session_factory(
        **{"before-call.rds.DescribeDBInstances": deny("DescribeDBInstances")}
    )
    snapshot, report = scan(seeded, factory, ACCOUNTS[:1])
    statuses = verdicts(report, "pci-1.4.4-rds-not-public")
    assert set(statuses.values()) == {Status.ERROR}
    assert any("rds:DescribeDBInstances" in str(r.unresolved) for r in snapshot.resources)


def test_throttling_and_server_errors_are_errors_naming_the_call(seeded: str) -> None:
    def throttle(**_: Any) -> None:
        raise ClientError(
            {
                "Error": {"Code": "ThrottlingException", "Message": "slow down"},
                "ResponseMetadata": {"HTTPStatusCode": 400},
            },
            "DescribeLogGroups",
        )

    def broken(**_: Any) -> None:
        raise ClientError(
            {
                "Error": {"Code": "InternalFailure", "Message": "not implemented"},
                "ResponseMetadata": {"HTTPStatusCode": 500},
            },
            "DescribeTrails",
        )

    factory = session_factory(
        **{
            "before-call.logs.DescribeLogGroups": throttle,
            "before-call.cloudtrail.DescribeTrails": broken,
        }
    )
    snapshot, report = scan(seeded, factory, accounts=ACCOUNTS[:1])
    reasons = " ".join(str(r.unresolved) for r in snapshot.resources if r.unresolved)
    assert "throttled" in reasons and "logs:DescribeLogGroups" in reasons
    assert "does not implement" in reasons and "cloudtrail:DescribeTrails" in reasons
    assert set(verdicts(report, "pci-10.5.1-log-retention").values()) == {Status.ERROR}
    assert report.exit_code == 3


def test_only_declared_read_only_actions_are_called(seeded: str) -> None:
    called: set[str] = set()

    def record(model: Any, **_: Any) -> None:
        called.add(iam_action(model.service_model.signing_name, model.name))

    scan(seeded, session_factory(**{"before-call": record}))
    allowed = set(required_actions()) | {"sts:AssumeRole"}
    assert called <= allowed, called - allowed
    # API Gateway's reads are all the one action `apigateway:GET`.
    assert all(
        action.split(":")[1].startswith((*READ_ONLY_PREFIXES, "AssumeRole", "GET"))
        for action in called
    )


def test_no_collected_value_carries_a_secret(
    seeded_scan: tuple[Snapshot, Report],
) -> None:
    from checker.serialization import snapshot_to_dict

    snapshot, _ = seeded_scan
    text = str(snapshot_to_dict(snapshot))
    assert "fake-canary-value" not in text
    assert "Fake-password-for-tests-1" not in text


def test_no_request_is_sent_twice_with_the_same_parameters(seeded: str) -> None:
    """Every read is made once per account and region; only the credential report is asked
    for again while IAM is still generating it."""
    sent: Counter[tuple[str, ...]] = Counter()
    lock = threading.Lock()

    def factory(**kwargs: Any) -> Any:
        session = session_factory()(**kwargs)
        who = str(kwargs.get("aws_access_key_id", "default"))

        def note(model: Any, params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
            key = (
                who,
                str(context.get("client_region")),
                model.service_model.service_name,
                model.name,
                json.dumps(params, default=str, sort_keys=True),
            )
            with lock:
                sent[key] += 1

        session.events.register("before-parameter-build", note)
        return session

    scan(seeded, factory)
    repeated = {key[3] for key, count in sent.items() if count > 1}
    assert len(sent) > 150
    assert repeated <= {"GenerateCredentialReport"}


def test_the_snapshot_is_json_with_timestamps_as_iso_text(
    seeded_scan: tuple[Snapshot, Report],
) -> None:
    """botocore parses timestamps into datetimes; the evidence bundle writes the snapshot as
    JSON, so every collected value must be JSON (a datetime made `--evidence` crash)."""
    from checker.serialization import snapshot_to_dict

    snapshot, _ = seeded_scan
    json.dumps(snapshot_to_dict(snapshot))
    (athena, *_) = [r for r in snapshot.resources if r.type == "athena.workgroup"]
    assert datetime.fromisoformat(athena.attributes["CreationTime"])


def test_load_balancer_listeners_are_judged_by_protocol_and_policy(
    seeded_scan: tuple[Snapshot, Report],
) -> None:
    _, report = seeded_scan
    https_only = verdicts(report, "pci-4.2.1-lb-https-only")
    assert Status.FAIL in https_only.values() and Status.PASS in https_only.values()
    assert set(verdicts(report, "pci-4.2.1-lb-tls-policy").values()) == {Status.PASS}


def test_credential_report_settings_stay_readable_so_user_controls_apply(seeded: str) -> None:
    iam = session_factory()().client("iam", endpoint_url=seeded)
    for user in ("console-no-mfa", "console-mfa", "api-only", "no-credentials"):
        iam.create_user(UserName=user)
    for user in ("console-no-mfa", "console-mfa"):
        iam.create_login_profile(UserName=user, Password="Fake-console-password-1")
    device = iam.create_virtual_mfa_device(VirtualMFADeviceName="console-mfa")
    iam.enable_mfa_device(
        UserName="console-mfa",
        SerialNumber=device["VirtualMFADevice"]["SerialNumber"],
        AuthenticationCode1="123456",
        AuthenticationCode2="654321",
    )
    iam.create_access_key(UserName="api-only")
    snapshot, report = scan(seeded, accounts=ACCOUNTS[:1])
    (user,) = [r for r in snapshot.resources if r.address.endswith(":user/console-no-mfa")]
    assert user.attributes["password_enabled"] == "true"
    assert user.attributes["access_key_1_active"] == "false"
    mfa = verdicts(report, "pci-8.4.2-user-mfa")
    assert by_suffix(mfa, ":user/console-no-mfa") == {Status.FAIL}
    assert by_suffix(mfa, ":user/console-mfa") == {Status.PASS}
    assert by_suffix(mfa, ":user/api-only") == set()
    rotation = verdicts(report, "pci-8.3.9-access-key-rotation")
    for user_name in ("console-no-mfa", "api-only", "no-credentials"):
        assert by_suffix(rotation, f":user/{user_name}") == {Status.PASS}, user_name
    unused = verdicts(report, "pci-8.2.6-unused-passwords")
    assert by_suffix(unused, ":user/console-no-mfa") == {Status.PASS}


def test_an_unreachable_account_makes_its_controls_errors_not_not_applicable(seeded: str) -> None:
    unknown = Account(role_arn="arn:aws:iam::999988887777:role/missing")

    def refuse(**_: Any) -> None:
        raise ClientError(
            {"Error": {"Code": "AccessDenied", "Message": "not allowed to assume"}},
            "AssumeRole",
        )

    factory = session_factory(**{"before-call.sts.AssumeRole": refuse})
    snapshot, report = scan(seeded, factory, accounts=(unknown,))
    assert snapshot.errors and "cannot reach the account" in snapshot.errors[0].message
    aws_controls = [r for r in report.results if r.control.checks_for(["aws"])]
    assert aws_controls
    assert {r.status for r in aws_controls} == {Status.ERROR}
    (finding,) = verdicts(report, "pci-8.4.2-user-mfa").items()
    assert finding == ("arn:aws:iam::999988887777:role/missing/*/iam.user/*", Status.ERROR)
    assert report.exit_code == 3


def test_a_denied_action_is_named_readably_in_the_finding(seeded: str) -> None:
    factory = session_factory(**{"before-call.secretsmanager.ListSecrets": deny("ListSecrets")})
    _, report = scan(seeded, factory, accounts=ACCOUNTS[:1])
    (result,) = [r for r in report.results if r.control.id == "pci-3.6.1-secretsmanager-kms"]
    assert result.status is Status.ERROR
    assert all("secretsmanager:ListSecrets" in f.message for f in result.findings)
