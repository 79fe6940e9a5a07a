"""The S3 collectors' buckets, bucket policies, ACLs and access points against moto, judged by
the public-access controls."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from adapters.aws.collector import drop_account_host_label
from adapters.aws.collectors.cloudtrail import CloudTrailCollector
from adapters.aws.collectors.s3 import S3AccessPointCollector, S3Collector
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    denied,
    reset,
    scan_with,
    tls_only_policy,
    verdicts_of,
)

PUBLIC_POLICIES = "pci-1.4.4-no-public-resource-policies"
ACCESS_BLOCK = "pci-1.4.4-s3-public-access-block"
GOOD, BAD, LOGS = "s3coll-good-ledger", "s3coll-bad-website", "s3coll-access-logs"
FULL_BLOCK = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}


def public_read(bucket: str, condition: dict[str, Any] | None = None) -> str:
    """A policy letting anyone read the bucket's objects, unless the condition restricts it."""
    statement: dict[str, Any] = {
        "Effect": "Allow",
        "Principal": "*",
        "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/*",
    }
    if condition:
        statement["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant S3 resources in one region."""
    s3, kms = client("s3"), client("kms")
    region = s3.meta.region_name
    key = kms.create_key(Description="s3coll buckets")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    for name in (GOOD, BAD, LOGS):
        s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": region})
    s3.put_bucket_acl(Bucket=LOGS, ACL="log-delivery-write")
    s3.put_bucket_tagging(
        Bucket=GOOD, Tagging={"TagSet": [{"Key": "DataClassification", "Value": "cardholder"}]}
    )
    s3.put_bucket_encryption(
        Bucket=GOOD,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": key,
                    }
                }
            ]
        },
    )
    s3.put_public_access_block(Bucket=GOOD, PublicAccessBlockConfiguration=FULL_BLOCK)
    s3.put_bucket_versioning(Bucket=GOOD, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_policy(Bucket=GOOD, Policy=tls_only_policy(GOOD))
    s3.put_bucket_lifecycle_configuration(
        Bucket=GOOD,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "retention",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "Expiration": {"Days": 2555},
                }
            ]
        },
    )
    s3.put_bucket_logging(
        Bucket=GOOD,
        BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": LOGS, "TargetPrefix": "logs/"}},
    )
    s3.put_bucket_acl(Bucket=BAD, ACL="public-read")
    s3.put_bucket_policy(Bucket=BAD, Policy=public_read(BAD))


def seed_more(client: Callable[[str], Any]) -> None:
    """Buckets public through one door only, and one whose "*" a condition restricts."""
    s3 = client("s3")
    location = {"LocationConstraint": s3.meta.region_name}
    for name in ("s3coll-partners", "s3coll-blocked-policy", "s3coll-endpoint-only"):
        s3.create_bucket(Bucket=name, CreateBucketConfiguration=location)
    s3.put_bucket_acl(Bucket="s3coll-partners", ACL="authenticated-read")
    # The public access block neutralises the policy today; the policy still grants everyone.
    s3.put_bucket_policy(
        Bucket="s3coll-blocked-policy", Policy=public_read("s3coll-blocked-policy")
    )
    s3.put_public_access_block(
        Bucket="s3coll-blocked-policy", PublicAccessBlockConfiguration=FULL_BLOCK
    )
    s3.put_bucket_policy(
        Bucket="s3coll-endpoint-only",
        Policy=public_read(
            "s3coll-endpoint-only", {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}
        ),
    )


COLLECTORS = [S3Collector()]


def test_public_acls_and_policies_fail_whatever_the_public_access_block(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    seed_more(client)
    _, report = scan_with(endpoint, COLLECTORS)
    public, block = verdicts_of(report, PUBLIC_POLICIES), verdicts_of(report, ACCESS_BLOCK)
    expected = {
        GOOD: (Status.PASS, Status.PASS),
        BAD: (Status.FAIL, Status.FAIL),
        LOGS: (Status.PASS, Status.FAIL),
        "s3coll-partners": (Status.FAIL, Status.FAIL),
        "s3coll-blocked-policy": (Status.FAIL, Status.PASS),
        "s3coll-endpoint-only": (Status.PASS, Status.FAIL),
    }
    for bucket, (public_status, block_status) in expected.items():
        assert public[f"arn:aws:s3:::{bucket}"] is public_status, bucket
        assert block[f"arn:aws:s3:::{bucket}"] is block_status, bucket


def test_a_bucket_carries_its_acl_grants(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, _ = scan_with(endpoint, COLLECTORS)
    (bucket,) = [r for r in snapshot.resources if r.address == f"arn:aws:s3:::{BAD}"]
    grants = bucket.attributes["Acl"]["Grants"]
    assert {
        "Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
        "Permission": "READ",
    } in grants
    assert "Owner" in bucket.attributes["Acl"]
    assert bucket.attributes["Policy"]["Statement"][0]["Principal"] == "*"


OBJECT_LOCK = "pci-10.3.2-s3-trail-bucket-object-lock"
ACLS_DISABLED = "gdpr-art32-s3-acls-disabled"
TRAIL_LOCKED, TRAIL_GOVERNANCE, TRAIL_UNLOCKED = (
    "s3coll-trail-locked-good",
    "s3coll-trail-governance-bad",
    "s3coll-trail-unlocked-bad",
)
CARDS_ENFORCED, CARDS_PREFERRED, PEOPLE_DEFAULT = (
    "s3coll-cards-enforced-good",
    "s3coll-cards-preferred-bad",
    "s3coll-people-no-controls-bad",
)


def _retention(mode: str, **period: int) -> dict[str, Any]:
    return {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": mode, **period}}}


def _ownership(value: str) -> dict[str, Any]:
    return {"Rules": [{"ObjectOwnership": value}]}


def seed_protections(client: Callable[[str], Any]) -> None:
    """Trail buckets with and without a default Object Lock retention, data buckets with and
    without ACLs, and an untagged bucket no trail delivers to, which neither control judges."""
    s3, cloudtrail = client("s3"), client("cloudtrail")
    location = {"LocationConstraint": s3.meta.region_name}
    for name in (TRAIL_LOCKED, TRAIL_GOVERNANCE):
        s3.create_bucket(
            Bucket=name, CreateBucketConfiguration=location, ObjectLockEnabledForBucket=True
        )
    for name in (TRAIL_UNLOCKED, CARDS_ENFORCED, CARDS_PREFERRED, PEOPLE_DEFAULT, "s3coll-misc"):
        s3.create_bucket(Bucket=name, CreateBucketConfiguration=location)
    s3.put_object_lock_configuration(
        Bucket=TRAIL_LOCKED, ObjectLockConfiguration=_retention("COMPLIANCE", Years=1)
    )
    s3.put_object_lock_configuration(
        Bucket=TRAIL_GOVERNANCE, ObjectLockConfiguration=_retention("GOVERNANCE", Days=365)
    )
    for number, bucket in enumerate((TRAIL_LOCKED, TRAIL_GOVERNANCE, TRAIL_UNLOCKED)):
        cloudtrail.create_trail(Name=f"s3coll-trail-{number}", S3BucketName=bucket)
    for bucket, classification in (
        (CARDS_ENFORCED, "cardholder"),
        (CARDS_PREFERRED, "cardholder"),
        (PEOPLE_DEFAULT, "personal"),
    ):
        s3.put_bucket_tagging(
            Bucket=bucket,
            Tagging={"TagSet": [{"Key": "DataClassification", "Value": classification}]},
        )
    s3.put_bucket_ownership_controls(
        Bucket=CARDS_ENFORCED, OwnershipControls=_ownership("BucketOwnerEnforced")
    )
    s3.put_bucket_ownership_controls(
        Bucket=CARDS_PREFERRED, OwnershipControls=_ownership("BucketOwnerPreferred")
    )
    # Locked, but no trail delivers here: not judged.
    s3.put_bucket_ownership_controls(
        Bucket=TRAIL_UNLOCKED, OwnershipControls=_ownership("BucketOwnerEnforced")
    )


WITH_TRAILS = [S3Collector(), CloudTrailCollector()]
LOCKS = {
    f"arn:aws:s3:::{TRAIL_LOCKED}": Status.PASS,
    f"arn:aws:s3:::{TRAIL_GOVERNANCE}": Status.FAIL,
    f"arn:aws:s3:::{TRAIL_UNLOCKED}": Status.FAIL,
}
OWNERSHIP = {
    f"arn:aws:s3:::{CARDS_ENFORCED}": Status.PASS,
    f"arn:aws:s3:::{CARDS_PREFERRED}": Status.FAIL,
    f"arn:aws:s3:::{PEOPLE_DEFAULT}": Status.FAIL,
}


def test_trail_buckets_need_a_compliance_retention_and_data_buckets_no_acls(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed_protections(client_for(endpoint))
    snapshot, report = scan_with(endpoint, WITH_TRAILS)
    assert snapshot.errors == ()
    assert verdicts_of(report, OBJECT_LOCK) == LOCKS
    assert verdicts_of(report, ACLS_DISABLED) == OWNERSHIP
    (unlocked,) = [r for r in snapshot.resources if r.address == f"arn:aws:s3:::{TRAIL_UNLOCKED}"]
    assert unlocked.attributes["ObjectLock"] is None
    assert unlocked.attributes["OwnershipControls"] == _ownership("BucketOwnerEnforced")


@pytest.mark.parametrize(
    ("operation", "action", "errored", "intact"),
    [
        (
            "GetObjectLockConfiguration",
            "s3:GetBucketObjectLockConfiguration",
            OBJECT_LOCK,
            ACLS_DISABLED,
        ),
        ("GetBucketOwnershipControls", "s3:GetBucketOwnershipControls", ACLS_DISABLED, OBJECT_LOCK),
    ],
)
def test_an_unreadable_protection_errors_only_the_control_that_needs_it(
    endpoint: str, operation: str, action: str, errored: str, intact: str
) -> None:
    reset(endpoint)
    seed_protections(client_for(endpoint))
    _, report = scan_with(
        endpoint, WITH_TRAILS, **{f"before-call.s3.{operation}": denied(operation)}
    )
    expected = {OBJECT_LOCK: LOCKS, ACLS_DISABLED: OWNERSHIP}
    assert verdicts_of(report, errored) == dict.fromkeys(expected[errored], Status.ERROR)
    assert verdicts_of(report, intact) == expected[intact]
    (result,) = [r for r in report.results if r.control.id == errored]
    assert all(action in finding.message for finding in result.findings)


ACCOUNT = "123456789012"
# moto keeps access points in one store for every region and names us-east-1 in their ARNs.
HOME = "us-east-1"


def access_point(name: str) -> str:
    """The ARN of an access point."""
    return f"arn:aws:s3:{HOME}:{ACCOUNT}:accesspoint/{name}"


def seed_access_points(client: Callable[[str], Any]) -> None:
    """An access point with S3's default block, one restricted to a VPC, and one relaxed, on a
    bucket of us-east-1 (which takes no location constraint)."""
    s3, s3control = client("s3"), client("s3control")
    drop_account_host_label(s3control, ACCOUNT)
    s3.create_bucket(Bucket="s3coll-exports")
    s3control.create_access_point(AccountId=ACCOUNT, Name="good-reports", Bucket="s3coll-exports")
    s3control.create_access_point(
        AccountId=ACCOUNT,
        Name="good-workloads",
        Bucket="s3coll-exports",
        VpcConfiguration={"VpcId": "vpc-0a1b2c3d4e5f60718"},
        PublicAccessBlockConfiguration=FULL_BLOCK,
    )
    s3control.create_access_point(
        AccountId=ACCOUNT,
        Name="bad-partners",
        Bucket="s3coll-exports",
        PublicAccessBlockConfiguration={
            **FULL_BLOCK,
            "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False,
        },
    )


ACCESS_POINTS = [S3AccessPointCollector()]


def test_access_points_block_public_access_unless_switched_off(endpoint: str) -> None:
    reset(endpoint)
    seed_access_points(client_for(endpoint, HOME))
    # Each access point is reported by its own region only, however many are scanned.
    snapshot, report = scan_with(endpoint, ACCESS_POINTS, (HOME, REGIONS[0]))
    assert snapshot.errors == ()
    assert verdicts_of(report, ACCESS_BLOCK) == {
        access_point("good-reports"): Status.PASS,
        access_point("good-workloads"): Status.PASS,
        access_point("bad-partners"): Status.FAIL,
    }
    (workloads,) = [r for r in snapshot.resources if r.address == access_point("good-workloads")]
    assert workloads.type == "s3.access_point"
    assert workloads.region == HOME
    assert workloads.attributes["Bucket"] == "s3coll-exports"
    assert workloads.attributes["NetworkOrigin"] == "VPC"


def test_an_unreadable_access_point_is_an_error_naming_the_action(endpoint: str) -> None:
    reset(endpoint)
    seed_access_points(client_for(endpoint, HOME))
    hooks = {"before-call.s3-control.GetAccessPoint": denied("GetAccessPoint")}
    _, report = scan_with(endpoint, ACCESS_POINTS, (HOME,), **hooks)
    names = ("good-reports", "good-workloads", "bad-partners")
    assert verdicts_of(report, ACCESS_BLOCK) == {access_point(n): Status.ERROR for n in names}
    (result,) = [r for r in report.results if r.control.id == ACCESS_BLOCK]
    assert all("s3:GetAccessPoint" in finding.message for finding in result.findings)


def test_access_points_that_cannot_be_listed_are_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed_access_points(client_for(endpoint, HOME))
    hooks = {"before-call.s3-control.ListAccessPoints": denied("ListAccessPoints")}
    _, report = scan_with(endpoint, ACCESS_POINTS, (HOME,), **hooks)
    stand_in = f"{ACCOUNT}/{HOME}/s3.access_point/*"
    assert verdicts_of(report, ACCESS_BLOCK) == {stand_in: Status.ERROR}
