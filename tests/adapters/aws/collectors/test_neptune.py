"""Neptune clusters and instances through the RDS collector against moto's server, and the
controls that judge them: encryption with a customer-managed key, audit logging and public
instances."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws import Account, AwsAdapter
from adapters.aws.collectors.rds import RdsCollector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, reset, session_factory

CONTROLS = load_controls([builtin_policy_dir()])
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


def _client(endpoint: str) -> Callable[[str], Any]:
    session = session_factory()()

    def client(service: str) -> Any:
        return session.client(service, region_name=REGIONS[0], endpoint_url=endpoint)

    return client


def _scan(endpoint: str, **hooks: Callable[..., Any]) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=[RdsCollector()],
        session_factory=session_factory(**hooks),
    )
    snapshot = adapter.collect()
    return snapshot, evaluate(CONTROLS, [snapshot])


def _verdicts(report: Report, control_id: str) -> dict[str, Status]:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


def test_clusters_and_instances_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = _client(endpoint)
    seed(client)
    client("neptune").create_db_instance(
        DBInstanceIdentifier="graph-private-1",
        DBClusterIdentifier="graph-good",
        Engine="neptune",
        DBInstanceClass="db.r6g.large",
        PubliclyAccessible=False,
    )
    snapshot, report = _scan(endpoint)
    assert snapshot.errors == ()
    for control in ("pci-3.5.1-docdb-neptune-encryption", "pci-10.2.1-data-store-audit-logging"):
        assert _verdicts(report, control) == {GOOD: Status.PASS, BAD: Status.FAIL}, control
    assert _verdicts(report, "pci-1.4.4-data-stores-not-public") == {
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
    client = _client(endpoint)
    seed(client)
    client("neptune").modify_db_cluster(
        DBClusterIdentifier="graph-bad",
        CloudwatchLogsExportConfiguration={"EnableLogTypes": ["audit"]},
    )
    _, report = _scan(endpoint)
    assert _verdicts(report, "pci-10.2.1-data-store-audit-logging")[BAD] is Status.FAIL


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeDBClusterParameters")


def test_parameters_that_cannot_be_read_make_only_their_checks_errors(endpoint: str) -> None:
    reset(endpoint)
    seed(_client(endpoint))
    _, report = _scan(endpoint, **{"before-call.rds.DescribeDBClusterParameters": _denied})
    assert _verdicts(report, "pci-10.2.1-data-store-audit-logging") == {
        GOOD: Status.ERROR,
        BAD: Status.FAIL,  # it exports no audit log: that fails whatever the parameter says
    }
    assert _verdicts(report, "pci-3.5.1-docdb-neptune-encryption") == {
        GOOD: Status.PASS,
        BAD: Status.FAIL,
    }
