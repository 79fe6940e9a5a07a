"""S3 buckets: region, encryption, public access block, policy, ACL, versioning, logging,
lifecycle, replication, Object Lock, object ownership and tags.

`s3.bucket` carries `Policy` (the bucket policy as JSON, absent when there is none) and `Acl`
(GetBucketAcl's `Owner` and `Grants`, each grant with its `Grantee` and `Permission`; a grant to
everyone names the group `http://acs.amazonaws.com/groups/global/AllUsers`), `ObjectLock`
(GetObjectLockConfiguration's `ObjectLockEnabled` and `Rule.DefaultRetention` with its `Mode`,
`Days` or `Years`; absent when Object Lock is off) and `OwnershipControls` (its `Rules`, each
with an `ObjectOwnership`; absent when the bucket has none, so ACLs still apply).

`s3.access_point` is one access point of the region (s3control's ListAccessPoints), with
GetAccessPoint's `Bucket`, `NetworkOrigin` (`Internet` or `VPC`), `VpcConfiguration` and
`PublicAccessBlockConfiguration` (the access point's own four settings, which S3 applies
beside the bucket's and the account's).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved

# Each per-bucket read: the attribute it fills, the call, and the answers meaning "none".
_READS: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = (
    (
        "Encryption",
        "GetBucketEncryption",
        ("ServerSideEncryptionConfigurationNotFoundError",),
        "ServerSideEncryptionConfiguration",
    ),
    (
        "PublicAccessBlock",
        "GetPublicAccessBlock",
        ("NoSuchPublicAccessBlockConfiguration",),
        "PublicAccessBlockConfiguration",
    ),
    ("Policy", "GetBucketPolicy", ("NoSuchBucketPolicy",), "Policy"),
    ("Acl", "GetBucketAcl", (), None),
    ("Versioning", "GetBucketVersioning", (), None),
    ("Logging", "GetBucketLogging", (), "LoggingEnabled"),
    ("Lifecycle", "GetBucketLifecycleConfiguration", ("NoSuchLifecycleConfiguration",), None),
    (
        "Replication",
        "GetBucketReplication",
        ("ReplicationConfigurationNotFoundError",),
        "ReplicationConfiguration",
    ),
    (
        "ObjectLock",
        "GetObjectLockConfiguration",
        ("ObjectLockConfigurationNotFoundError",),
        "ObjectLockConfiguration",
    ),
    (
        "OwnershipControls",
        "GetBucketOwnershipControls",
        ("OwnershipControlsNotFoundError",),
        "OwnershipControls",
    ),
    ("Tags", "GetBucketTagging", ("NoSuchTagSet",), "TagSet"),
)


def _value(response: Any, key: str | None) -> Any:
    if response is None or isinstance(response, Unresolved):
        return response
    data = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    if key is None:
        return data
    value = data.get(key)
    if key == "Policy" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


BUCKET_WORKERS = 8


def _region_of(arn: str | None) -> str | None:
    """The region an ARN names (its fourth field), or None when there is no ARN."""
    if not arn or arn.count(":") < 4:
        return None
    return arn.split(":")[3]


class S3Collector(Collector):
    """Every bucket of the account, with its configuration; collected once per account."""

    actions: ClassVar[tuple[str, ...]] = (
        "s3:ListAllMyBuckets",
        "s3:GetBucketLocation",
        "s3:GetEncryptionConfiguration",
        "s3:GetBucketPublicAccessBlock",
        "s3:GetBucketPolicy",
        "s3:GetBucketAcl",
        "s3:GetBucketVersioning",
        "s3:GetBucketLogging",
        "s3:GetLifecycleConfiguration",
        "s3:GetReplicationConfiguration",
        "s3:GetBucketObjectLockConfiguration",
        "s3:GetBucketOwnershipControls",
        "s3:GetBucketTagging",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("s3.bucket",)
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        listed = calls.call("s3", "ListBuckets")
        if isinstance(listed, Unresolved):
            return [self.unlisted(calls, listed, "s3.bucket")]
        calls.client("s3")  # made once here: clients may be shared by threads, not created by them
        # Buckets are listed once per account but each needs a dozen reads: read them side by side.
        with ThreadPoolExecutor(max_workers=BUCKET_WORKERS) as pool:
            return list(
                pool.map(lambda b: self._bucket(calls, b["Name"]), listed.get("Buckets", []))
            )

    def _bucket(self, calls: Calls, name: str) -> Resource:
        attributes: dict[str, Any] = {"Name": name}
        location = calls.call("s3", "GetBucketLocation", Bucket=name)
        region = (
            location
            if isinstance(location, Unresolved)
            else (location or {}).get("LocationConstraint") or "us-east-1"
        )
        attributes["Region"] = region
        for attribute, operation, absent, key in _READS:
            attributes[attribute] = _value(
                calls.call("s3", operation, absent_codes=absent, Bucket=name), key
            )
        tags = attributes["Tags"]
        resource = make_resource(
            calls,
            "s3.bucket",
            f"arn:aws:s3:::{name}",
            attributes,
            tags if isinstance(tags, Unresolved) else tags_of(tags),
        )
        return replace(resource, region=region)


class S3AccountCollector(Collector):
    """The account-wide S3 public access block; collected once per account."""

    actions: ClassVar[tuple[str, ...]] = ("s3:GetAccountPublicAccessBlock",)
    resource_types: ClassVar[tuple[str, ...]] = ("s3.account",)
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        account = calls.target.account
        answer = calls.call(
            "s3control",
            "GetPublicAccessBlock",
            absent_codes=("NoSuchPublicAccessBlockConfiguration",),
            AccountId=account,
        )
        return [
            make_resource(
                calls,
                "s3.account",
                f"arn:aws:s3:::account/{account}",
                {"PublicAccessBlock": _value(answer, "PublicAccessBlockConfiguration")},
            )
        ]


class S3AccessPointCollector(Collector):
    """Every S3 access point of each region, with its own public access block."""

    actions: ClassVar[tuple[str, ...]] = ("s3:ListAccessPoints", "s3:GetAccessPoint")
    resource_types: ClassVar[tuple[str, ...]] = ("s3.access_point",)

    def collect(self, calls: Calls) -> list[Resource]:
        account = calls.target.account
        # botocore has no paginator for ListAccessPoints.
        listed = calls.follow("s3control", "ListAccessPoints", "AccessPointList", AccountId=account)
        if isinstance(listed, Unresolved):
            return [self.unlisted(calls, listed, "s3.access_point")]
        # Each region answers for its own access points; an endpoint that answers every region
        # with all of them (moto does) would otherwise report each once per region.
        return [
            self._access_point(calls, point)
            for point in listed
            if _region_of(point.get("AccessPointArn")) in (None, calls.target.region)
        ]

    def _access_point(self, calls: Calls, listed: dict[str, Any]) -> Resource:
        """One access point as GetAccessPoint shows it; what it could not show is `Unresolved`."""
        target = calls.target
        name = listed["Name"]
        arn = listed.get("AccessPointArn") or (
            f"arn:aws:s3:{target.region}:{target.account}:accesspoint/{name}"
        )
        described = calls.call("s3control", "GetAccessPoint", AccountId=target.account, Name=name)
        attributes: dict[str, Any] = {"Name": name, "Bucket": listed.get("Bucket")}
        if isinstance(described, Unresolved):
            attributes["PublicAccessBlockConfiguration"] = described
        else:
            attributes.update(_value(described, None))
        return make_resource(calls, "s3.access_point", arn, attributes)
