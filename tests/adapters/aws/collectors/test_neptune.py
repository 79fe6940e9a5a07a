"""Neptune clusters and instances through the RDS collector against moto's server, and the
controls that judge them: encryption with a customer-managed key, audit logging, IAM
authentication and public instances."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.rds import RdsCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [RdsCollector()]
ACCOUNT = "123456789012"
CLUSTER = f"arn:aws:rds:{REGIONS[0]}:{ACCOUNT}:cluster:"
GOOD, BAD = f"{CLUSTER}graph-good", f"{CLUSTER}graph-bad"
BAD_INSTANCE = f"arn:aws:rds:{REGIONS[0]}:{ACCOUNT}:db:graph-bad-1"


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant Neptune clusters, and a public instance, in one region.

    Both clusters name a cluster parameter group of their own: moto has no default groups to
    read parameters from.
    """
    neptune = client("neptune")
    key = client("kms").create_key(Description="graph")["KeyMetadata"]["Arn"]
    for group in ("graph-good-params", "graph-bad-params"):
        neptune.create_db_cluster_parameter_group(
            DBClusterParameterGroupName=group,
            DBParameterGroupFamily="neptune1.3",
            Description=group,
        )
    neptune.modify_db_cluster_parameter_group(
        DBClusterParameterGroupName="graph-good-params",
        Parameters=[
            {
                "ParameterName": "neptune_enable_audit_log",
                "ParameterValue": "1",
                "ApplyMethod": "pending-reboot",
            }
        ],
    )
    neptune.create_db_cluster(
        DBClusterIdentifier="graph-good",
        Engine="neptune",
        StorageEncrypted=True,
        KmsKeyId=key,
        EnableCloudwatchLogsExports=["audit"],
        DBClusterParameterGroupName="graph-good-params",
        BackupRetentionPeriod=14,
        DeletionProtection=True,
    )
    neptune.create_db_cluster(
        DBClusterIdentifier="graph-bad",
        Engine="neptune",
        DBClusterParameterGroupName="graph-bad-params",
    )
    neptune.create_db_instance(
        DBInstanceIdentifier="graph-bad-1",
        DBClusterIdentifier="graph-bad",
        Engine="neptune",
        DBInstanceClass="db.r6g.large",
        PubliclyAccessible=True,
    )


def test_clusters_and_instances_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    client("neptune").create_db_instance(
        DBInstanceIdentifier="graph-private-1",
        DBClusterIdentifier="graph-good",
        Engine="neptune",
        DBInstanceClass="db.r6g.large",
        PubliclyAccessible=False,
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    for control in ("pci-3.5.1-docdb-neptune-encryption", "pci-10.2.1-data-store-audit-logging"):
        assert verdicts_of(report, control) == {GOOD: Status.PASS, BAD: Status.FAIL}, control
    # Backups: the clusters' own retention (the instances report the same, judged too).
    backups = verdicts_of(report, "gdpr-art32-rds-backup-retention")
    assert (backups[GOOD], backups[BAD]) == (Status.PASS, Status.FAIL)
    assert verdicts_of(report, "pci-1.4.4-data-stores-not-public") == {
        BAD_INSTANCE: Status.FAIL,
        BAD_INSTANCE.replace("graph-bad-1", "graph-private-1"): Status.PASS,
    }
    by_arn = {resource.address: resource for resource in snapshot.resources}
    assert by_arn[GOOD].attributes["ClusterParameters"] == {"neptune_enable_audit_log": "1"}
    assert by_arn[GOOD].attributes["KmsKeyManager"] == "CUSTOMER"
    assert by_arn[BAD].attributes["ClusterParameters"] == {}
    assert "KmsKeyManager" not in by_arn[BAD].attributes


def test_exporting_the_audit_log_is_not_enough_without_the_parameter(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    client("neptune").modify_db_cluster(
        DBClusterIdentifier="graph-bad",
        CloudwatchLogsExportConfiguration={"EnableLogTypes": ["audit"]},
    )
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, "pci-10.2.1-data-store-audit-logging")[BAD] is Status.FAIL


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeDBClusterParameters")


def test_parameters_that_cannot_be_read_make_only_their_checks_errors(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.rds.DescribeDBClusterParameters": _denied}
    )
    assert verdicts_of(report, "pci-10.2.1-data-store-audit-logging") == {
        GOOD: Status.ERROR,
        BAD: Status.FAIL,  # it exports no audit log: that fails whatever the parameter says
    }
    assert verdicts_of(report, "pci-3.5.1-docdb-neptune-encryption") == {
        GOOD: Status.PASS,
        BAD: Status.FAIL,
    }


def _iam_authentication_on(cluster: str) -> Callable[..., None]:
    """moto refuses IAM authentication on Neptune clusters (it allows it on Aurora only), which
    AWS supports: the answer of DescribeDBClusters is given the flag AWS would report."""

    def turn_on(parsed: dict[str, Any], **_: Any) -> None:
        for described in parsed.get("DBClusters", []):
            if described["DBClusterIdentifier"] == cluster:
                described["IAMDatabaseAuthenticationEnabled"] = True

    return turn_on


def test_clusters_without_iam_authentication_fail(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"after-call.rds.DescribeDBClusters": _iam_authentication_on("graph-good")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, "pci-8.3.1-rds-iam-authentication") == {
        GOOD: Status.PASS,
        BAD: Status.FAIL,
    }
