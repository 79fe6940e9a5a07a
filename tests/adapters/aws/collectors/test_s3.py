"""The S3 collector's bucket policies and ACLs against moto, judged by the public-access
controls."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.s3 import S3Collector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, tls_only_policy, verdicts_of

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
