"""The RDS collector against moto's server, and the control that judges automatic minor version
upgrades on DB instances (Aurora's among them) and Multi-AZ DB clusters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.rds import RdsCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [RdsCollector()]
CONTROL = "pci-6.3.3-rds-auto-minor-version-upgrade"
PASSWORD = "Fake-password-for-tests-1"


def _arn(kind: str, name: str) -> str:
    return f"arn:aws:rds:{REGIONS[0]}:123456789012:{kind}:{name}"


def seed(client: Callable[[str], Any]) -> None:
    """Instances and clusters that install minor versions automatically, and that do not."""
    rds = client("rds")
    for name, automatic in (("payments-good", None), ("reporting-bad", False)):
        extra = {} if automatic is None else {"AutoMinorVersionUpgrade": automatic}
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            Engine="postgres",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="admin_user",
            MasterUserPassword=PASSWORD,
            **extra,
        )
    # Multi-AZ DB clusters carry the setting themselves.
    for name, automatic in (("settlement-good", True), ("clearing-bad", False)):
        rds.create_db_cluster(
            DBClusterIdentifier=name,
            Engine="postgres",
            DBClusterInstanceClass="db.m5d.large",
            AllocatedStorage=100,
            StorageType="io1",
            Iops=1000,
            MasterUsername="admin_user",
            MasterUserPassword=PASSWORD,
            AutoMinorVersionUpgrade=automatic,
        )
    # An Aurora cluster is judged through its instances.
    rds.create_db_cluster(
        DBClusterIdentifier="ledger",
        Engine="aurora-postgresql",
        MasterUsername="admin_user",
        MasterUserPassword=PASSWORD,
    )
    for name, automatic in (("ledger-1-good", True), ("ledger-2-bad", False)):
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            DBClusterIdentifier="ledger",
            Engine="aurora-postgresql",
            DBInstanceClass="db.r6g.large",
            AutoMinorVersionUpgrade=automatic,
        )


def test_instances_and_multi_az_clusters_are_judged_by_automatic_minor_upgrades(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _arn("db", "payments-good"): Status.PASS,
        _arn("db", "reporting-bad"): Status.FAIL,
        _arn("db", "ledger-1-good"): Status.PASS,
        _arn("db", "ledger-2-bad"): Status.FAIL,
        _arn("cluster", "settlement-good"): Status.PASS,
        _arn("cluster", "clearing-bad"): Status.FAIL,
    }


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeDBClusters")


def test_unlisted_clusters_are_an_error_and_instances_are_still_judged(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.rds.DescribeDBClusters": _denied})
    statuses = verdicts_of(report, CONTROL)
    assert statuses == {
        _arn("db", "payments-good"): Status.PASS,
        _arn("db", "reporting-bad"): Status.FAIL,
        _arn("db", "ledger-1-good"): Status.PASS,
        _arn("db", "ledger-2-bad"): Status.FAIL,
        f"123456789012/{REGIONS[0]}/rds.db_cluster/*": Status.ERROR,
    }


PUBLIC_SNAPSHOTS = "pci-1.4.4-snapshots-not-public"
ENCRYPTED_SNAPSHOTS = "pci-3.5.1-snapshots-encrypted"


def seed_snapshots(client: Callable[[str], Any]) -> None:
    """Manual DB and cluster snapshots: private or shared with one account, and encrypted (the
    good ones); public and unencrypted (the bad ones)."""
    rds = client("rds")
    for name, encrypted in (("vault", True), ("legacy", False)):
        rds.create_db_instance(
            DBInstanceIdentifier=name,
            Engine="postgres",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="admin_user",
            MasterUserPassword=PASSWORD,
            StorageEncrypted=encrypted,
        )
    rds.create_db_snapshot(
        DBSnapshotIdentifier="vault-private-good",
        DBInstanceIdentifier="vault",
        Tags=[{"Key": "DataClassification", "Value": "cardholder"}],
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="vault-partner-good", DBInstanceIdentifier="vault")
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="vault-partner-good",
        AttributeName="restore",
        ValuesToAdd=["111122223333"],
    )
    rds.create_db_snapshot(DBSnapshotIdentifier="legacy-public-bad", DBInstanceIdentifier="legacy")
    rds.modify_db_snapshot_attribute(
        DBSnapshotIdentifier="legacy-public-bad", AttributeName="restore", ValuesToAdd=["all"]
    )
    for name, encrypted in (("reporting", True), ("archive", False)):
        rds.create_db_cluster(
            DBClusterIdentifier=name,
            Engine="aurora-postgresql",
            MasterUsername="admin_user",
            MasterUserPassword=PASSWORD,
            StorageEncrypted=encrypted,
        )
    rds.create_db_cluster_snapshot(
        DBClusterSnapshotIdentifier="reporting-good", DBClusterIdentifier="reporting"
    )
    rds.create_db_cluster_snapshot(
        DBClusterSnapshotIdentifier="archive-public-bad", DBClusterIdentifier="archive"
    )
    rds.modify_db_cluster_snapshot_attribute(
        DBClusterSnapshotIdentifier="archive-public-bad",
        AttributeName="restore",
        ValuesToAdd=["all"],
    )


def _snapshot_verdicts(public: Status = Status.FAIL) -> dict[str, Status]:
    return {
        _arn("snapshot", "vault-private-good"): Status.PASS,
        _arn("snapshot", "vault-partner-good"): Status.PASS,
        _arn("snapshot", "legacy-public-bad"): public,
        _arn("cluster-snapshot", "reporting-good"): Status.PASS,
        _arn("cluster-snapshot", "archive-public-bad"): public,
    }


def test_manual_snapshots_are_judged_for_public_sharing_and_encryption(endpoint: str) -> None:
    reset(endpoint)
    seed_snapshots(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    # Only manual snapshots: the automated ones the clusters got are not listed.
    assert verdicts_of(report, PUBLIC_SNAPSHOTS) == _snapshot_verdicts()
    assert verdicts_of(report, ENCRYPTED_SNAPSHOTS) == _snapshot_verdicts()
    by_address = {r.address: r for r in snapshot.resources}
    partner = by_address[_arn("snapshot", "vault-partner-good")]
    assert partner.attributes["SharedAccounts"] == ["111122223333"]
    assert by_address[_arn("snapshot", "vault-private-good")].tags == {
        "DataClassification": "cardholder"
    }
    calls = snapshot.metadata["calls"]
    assert calls["rds:DescribeDBSnapshotAttributes"] == 3
    assert calls["rds:DescribeDBClusterSnapshotAttributes"] == 2


def test_unreadable_snapshot_attributes_error_only_the_public_sharing_check(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed_snapshots(client_for(endpoint))
    hooks = {"before-call.rds.DescribeDBSnapshotAttributes": _denied}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    public = verdicts_of(report, PUBLIC_SNAPSHOTS)
    assert public == {
        _arn("snapshot", "vault-private-good"): Status.ERROR,
        _arn("snapshot", "vault-partner-good"): Status.ERROR,
        _arn("snapshot", "legacy-public-bad"): Status.ERROR,
        _arn("cluster-snapshot", "reporting-good"): Status.PASS,
        _arn("cluster-snapshot", "archive-public-bad"): Status.FAIL,
    }
    (result,) = [r for r in report.results if r.control.id == PUBLIC_SNAPSHOTS]
    errors = [f for f in result.findings if f.status is Status.ERROR]
    assert all("rds:DescribeDBSnapshotAttributes" in f.message for f in errors)
    assert verdicts_of(report, ENCRYPTED_SNAPSHOTS) == _snapshot_verdicts()


def test_unlisted_cluster_snapshots_are_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed_snapshots(client_for(endpoint))
    hooks = {"before-call.rds.DescribeDBClusterSnapshots": _denied}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    unlisted = f"123456789012/{REGIONS[0]}/rds.db_cluster_snapshot/*"
    for control_id in (PUBLIC_SNAPSHOTS, ENCRYPTED_SNAPSHOTS):
        assert verdicts_of(report, control_id) == {
            _arn("snapshot", "vault-private-good"): Status.PASS,
            _arn("snapshot", "vault-partner-good"): Status.PASS,
            _arn("snapshot", "legacy-public-bad"): Status.FAIL,
            unlisted: Status.ERROR,
        }, control_id
