"""DocumentDB clusters through the RDS collector, and the controls that judge them: encryption
with a customer-managed key, TLS and audit logging.

moto creates no DocumentDB cluster (CreateDBCluster refuses the `docdb` engine) but keeps
DocumentDB cluster parameter groups. The groups are seeded in moto and read from it; the
clusters that use them are added to moto's DescribeDBClusters answer as the RDS API lists
DocumentDB clusters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.rds import RdsCollector
from checker.models import Snapshot, Status
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

ACCOUNT = "123456789012"
CLUSTER = f"arn:aws:rds:{REGIONS[0]}:{ACCOUNT}:cluster:"
GOOD, BAD = f"{CLUSTER}profiles-good", f"{CLUSTER}profiles-bad"
DOCDB_CONTROLS = (
    "pci-3.5.1-docdb-neptune-encryption",
    "pci-4.2.1-data-store-tls",
    "pci-10.2.1-data-store-audit-logging",
)


def seed(client: Callable[[str], Any]) -> None:
    """A compliant and a non-compliant DocumentDB cluster parameter group in one region (moto
    keeps no DocumentDB clusters to judge; see the module's docstring)."""
    docdb = client("docdb")
    for group, tls, audit in (
        ("profiles-good-params", "enabled", "all"),
        ("profiles-bad-params", "disabled", "disabled"),
    ):
        docdb.create_db_cluster_parameter_group(
            DBClusterParameterGroupName=group,
            DBParameterGroupFamily="docdb5.0",
            Description=group,
        )
        docdb.modify_db_cluster_parameter_group(
            DBClusterParameterGroupName=group,
            Parameters=[
                {"ParameterName": "tls", "ParameterValue": tls, "ApplyMethod": "pending-reboot"},
                {
                    "ParameterName": "audit_logs",
                    "ParameterValue": audit,
                    "ApplyMethod": "immediate",
                },
            ],
        )


def _clusters(key: str) -> list[dict[str, Any]]:
    """DocumentDB clusters as DescribeDBClusters lists them."""
    return [
        {
            "DBClusterIdentifier": "profiles-good",
            "DBClusterArn": GOOD,
            "Engine": "docdb",
            "EngineVersion": "5.0.0",
            "DBClusterParameterGroup": "profiles-good-params",
            "StorageEncrypted": True,
            "KmsKeyId": key,
            "EnabledCloudwatchLogsExports": ["audit", "profiler"],
            "BackupRetentionPeriod": 14,
            "DeletionProtection": True,
        },
        {
            "DBClusterIdentifier": "profiles-bad",
            "DBClusterArn": BAD,
            "Engine": "docdb",
            "EngineVersion": "5.0.0",
            "DBClusterParameterGroup": "profiles-bad-params",
            "StorageEncrypted": False,
            "EnabledCloudwatchLogsExports": ["profiler"],
            "BackupRetentionPeriod": 1,
            "DeletionProtection": False,
        },
    ]


def _scan(endpoint: str, clusters: list[dict[str, Any]]) -> tuple[Snapshot, Report]:
    """A scan by the RDS collector, with the clusters added to DescribeDBClusters' answer."""

    def listed(parsed: dict[str, Any], **_: Any) -> None:
        parsed.setdefault("DBClusters", []).extend(clusters)

    return scan_with(endpoint, [RdsCollector()], **{"after-call.rds.DescribeDBClusters": listed})


def test_clusters_are_judged_by_arn_with_their_parameter_groups(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    key = client("kms").create_key(Description="profiles")["KeyMetadata"]["Arn"]
    snapshot, report = _scan(endpoint, _clusters(key))
    assert snapshot.errors == ()
    for control in DOCDB_CONTROLS:
        assert verdicts_of(report, control) == {GOOD: Status.PASS, BAD: Status.FAIL}, control
    by_arn = {resource.address: resource for resource in snapshot.resources}
    assert by_arn[GOOD].attributes["ClusterParameters"] == {"tls": "enabled", "audit_logs": "all"}
    assert by_arn[BAD].attributes["ClusterParameters"] == {
        "tls": "disabled",
        "audit_logs": "disabled",
    }


def test_a_parameter_group_that_is_not_there_makes_its_checks_errors(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    key = client("kms").create_key(Description="profiles")["KeyMetadata"]["Arn"]
    clusters = _clusters(key)[:1]
    clusters[0]["DBClusterParameterGroup"] = "profiles-missing"
    _, report = _scan(endpoint, clusters)
    assert verdicts_of(report, "pci-4.2.1-data-store-tls") == {GOOD: Status.ERROR}
    assert verdicts_of(report, "pci-10.2.1-data-store-audit-logging") == {GOOD: Status.ERROR}
    assert verdicts_of(report, "pci-3.5.1-docdb-neptune-encryption") == {GOOD: Status.PASS}
