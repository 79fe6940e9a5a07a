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
