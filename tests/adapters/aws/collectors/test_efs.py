"""The EFS collector against moto's server: file systems judged by encryption at rest, by a
file system policy that refuses mounts without TLS, and by their automatic backups."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from adapters.aws.collectors.efs import EfsCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [EfsCollector()]
ENCRYPTED = "pci-3.5.1-efs-encrypted"
TLS = "gdpr-art32-efs-tls"
CARDHOLDER = [{"Key": "DataClassification", "Value": "cardholder"}]


def _deny_plain(arn: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Deny",
                    "Principal": {"AWS": "*"},
                    "Action": "*",
                    "Resource": arn,
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        }
    )


def seed(client: Callable[[str], Any]) -> dict[str, str]:
    """A compliant file system (encrypted, TLS required, with an access point) and a
    non-compliant one (unencrypted, no policy): their ARNs by name."""
    efs = client("efs")
    good = efs.create_file_system(
        CreationToken="exports-good", Encrypted=True, Backup=True, Tags=CARDHOLDER
    )
    bad = efs.create_file_system(CreationToken="exports-bad", Tags=CARDHOLDER)
    efs.put_file_system_policy(
        FileSystemId=good["FileSystemId"], Policy=_deny_plain(good["FileSystemArn"])
    )
    efs.create_access_point(FileSystemId=good["FileSystemId"], RootDirectory={"Path": "/app"})
    return {"good": good["FileSystemArn"], "bad": bad["FileSystemArn"]}


def test_file_systems_are_judged_by_encryption_and_their_tls_policy(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    expected = {arns["good"]: Status.PASS, arns["bad"]: Status.FAIL}
    assert verdicts_of(report, ENCRYPTED) == expected
    assert verdicts_of(report, TLS) == expected
    assert verdicts_of(report, "gdpr-art32-data-store-backups") == expected
    good = next(r for r in snapshot.resources if r.address == arns["good"])
    assert good.tags == {"DataClassification": "cardholder"}
    assert [p["RootDirectory"]["Path"] for p in good.attributes["AccessPoints"]] == ["/app"]
    bad = next(r for r in snapshot.resources if r.address == arns["bad"])
    assert "Policy" not in bad.attributes and bad.attributes["AccessPoints"] == []
    assert good.attributes["BackupPolicy"] == {"Status": "ENABLED"}
    assert bad.attributes["BackupPolicy"] == {"Status": "DISABLED"}


def test_a_policy_denying_plain_mounts_to_one_role_fails(endpoint: str) -> None:
    reset(endpoint)
    efs = client_for(endpoint)("efs")
    created = efs.create_file_system(CreationToken="narrow-bad", Encrypted=True, Tags=CARDHOLDER)
    policy = json.loads(_deny_plain(created["FileSystemArn"]))
    policy["Statement"][0]["Principal"] = {"AWS": "arn:aws:iam::123456789012:role/batch"}
    efs.put_file_system_policy(FileSystemId=created["FileSystemId"], Policy=json.dumps(policy))
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, TLS) == {created["FileSystemArn"]: Status.FAIL}
    assert verdicts_of(report, ENCRYPTED) == {created["FileSystemArn"]: Status.PASS}


def _denied(**_: Any) -> Any:
    error = {"Code": "AccessDeniedException", "Message": "not allowed"}
    return SimpleNamespace(status_code=403), {
        "Error": error,
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }


def test_an_unreadable_policy_errors_only_the_tls_check(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.efs.DescribeFileSystemPolicy": _denied}
    )
    assert verdicts_of(report, TLS) == {arns["good"]: Status.ERROR, arns["bad"]: Status.ERROR}
    assert verdicts_of(report, ENCRYPTED) == {arns["good"]: Status.PASS, arns["bad"]: Status.FAIL}
    (result,) = [r for r in report.results if r.control.id == TLS]
    assert all("elasticfilesystem:DescribeFileSystemPolicy" in f.message for f in result.findings)


def test_unlisted_file_systems_are_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.efs.DescribeFileSystems": _denied})
    assert set(verdicts_of(report, ENCRYPTED).values()) == {Status.ERROR}
