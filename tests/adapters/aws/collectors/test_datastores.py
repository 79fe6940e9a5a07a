"""The DynamoDB collector's point-in-time recovery, and the backup controls on DynamoDB tables
and ElastiCache replication groups, against moto's server."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collector import Collector
from adapters.aws.collectors.datastores import DynamoDbCollector, ElastiCacheCollector
from adapters.aws.collectors.kms import KmsCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

BACKUPS = "gdpr-art32-data-store-backups"
TABLE_KEY = {
    "KeySchema": [{"AttributeName": "order_id", "KeyType": "HASH"}],
    "AttributeDefinitions": [{"AttributeName": "order_id", "AttributeType": "S"}],
    "BillingMode": "PAY_PER_REQUEST",
}


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant DynamoDB tables and ElastiCache replication groups in one
    region: the good ones recover to a point in time (tables) or keep snapshots (caches), and
    are encrypted; the bad ones do neither."""
    dynamodb, elasticache = client("dynamodb"), client("elasticache")
    key = client("kms").create_key(Description="orders table")["KeyMetadata"]["Arn"]
    dynamodb.create_table(
        TableName="orders-good",
        SSESpecification={"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key},
        **TABLE_KEY,
    )
    dynamodb.update_continuous_backups(
        TableName="orders-good",
        PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
    )
    dynamodb.create_table(TableName="orders-bad", **TABLE_KEY)
    for name, compliant in (("sessions-good", True), ("sessions-bad", False)):
        elasticache.create_replication_group(
            ReplicationGroupId=name,
            ReplicationGroupDescription="checkout sessions",
            Engine="redis",
            CacheNodeType="cache.t4g.small",
            AtRestEncryptionEnabled=compliant,
            TransitEncryptionEnabled=compliant,
            SnapshotRetentionLimit=7 if compliant else 0,
        )


def _arns(client: Callable[[str], Any]) -> dict[str, str]:
    """Table and replication group ARNs by name."""
    dynamodb, elasticache = client("dynamodb"), client("elasticache")
    arns = {
        name: dynamodb.describe_table(TableName=name)["Table"]["TableArn"]
        for name in dynamodb.list_tables()["TableNames"]
    }
    for group in elasticache.describe_replication_groups()["ReplicationGroups"]:
        arns[group["ReplicationGroupId"]] = group["ARN"]
    return arns


def _denied(operation: str) -> Callable[..., None]:
    def handler(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
        }
        raise ClientError(response, operation)

    return handler


def test_tables_and_caches_are_judged_by_point_in_time_recovery_and_snapshots(
    endpoint: str,
) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    collectors = [DynamoDbCollector(), ElastiCacheCollector(), KmsCollector()]
    snapshot, report = scan_with(endpoint, collectors)
    assert snapshot.errors == ()
    assert verdicts_of(report, BACKUPS) == {
        arns["orders-good"]: Status.PASS,
        arns["orders-bad"]: Status.FAIL,
        arns["sessions-good"]: Status.PASS,
        arns["sessions-bad"]: Status.FAIL,
    }
    # The seed is consistent with the other controls on the same resources.
    assert verdicts_of(report, "pci-3.6.1-dynamodb-kms") == {
        arns["orders-good"]: Status.PASS,
        arns["orders-bad"]: Status.FAIL,
    }
    for control_id in ("pci-3.5.1-elasticache-at-rest", "pci-4.2.1-elasticache-in-transit"):
        assert verdicts_of(report, control_id) == {
            arns["sessions-good"]: Status.PASS,
            arns["sessions-bad"]: Status.FAIL,
        }, control_id


def test_a_table_whose_recovery_cannot_be_read_is_an_error_in_that_check_only(
    endpoint: str,
) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    collectors: list[Collector] = [DynamoDbCollector(), KmsCollector()]
    _, before = scan_with(endpoint, collectors)
    hooks = {"before-call.dynamodb.DescribeContinuousBackups": _denied("DescribeContinuousBackups")}
    _, after = scan_with(endpoint, collectors, **hooks)
    assert verdicts_of(after, BACKUPS) == {
        arns["orders-good"]: Status.ERROR,
        arns["orders-bad"]: Status.ERROR,
    }
    (result,) = [r for r in after.results if r.control.id == BACKUPS]
    assert all("dynamodb:DescribeContinuousBackups" in f.message for f in result.findings)
    for other in after.results:
        if other.control.id != BACKUPS:
            assert verdicts_of(after, other.control.id) == verdicts_of(before, other.control.id)


def test_a_table_that_cannot_be_described_is_an_error_in_every_check(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    hooks = {"before-call.dynamodb.DescribeTable": _denied("DescribeTable")}
    snapshot, report = scan_with(endpoint, [DynamoDbCollector()], **hooks)
    tables = [r for r in snapshot.resources if r.type == "dynamodb.table"]
    assert {table.address for table in tables} == {arns["orders-good"], arns["orders-bad"]}
    assert all("dynamodb:DescribeTable" in str(table.unresolved) for table in tables)
    for control_id in (BACKUPS, "pci-3.6.1-dynamodb-kms"):
        assert set(verdicts_of(report, control_id).values()) == {Status.ERROR}, control_id
