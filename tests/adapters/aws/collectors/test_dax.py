"""The DAX collector against moto's server, and the control that wants TLS on the cluster
endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws import Account, AwsAdapter
from adapters.aws.collectors.dax import DaxCollector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, reset, session_factory

CONTROLS = load_controls([builtin_policy_dir()])
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/dax"


def seed(client: Callable[[str], Any]) -> None:
    """A cluster whose endpoint uses TLS and one left at the default (none)."""
    dax = client("dax")
    dax.create_cluster(
        ClusterName="sessions-good",
        NodeType="dax.r5.large",
        ReplicationFactor=1,
        IamRoleArn=ROLE,
        ClusterEndpointEncryptionType="TLS",
    )
    dax.create_cluster(
        ClusterName="sessions-bad", NodeType="dax.r5.large", ReplicationFactor=1, IamRoleArn=ROLE
    )


def _scan(endpoint: str) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=[DaxCollector()],
        session_factory=session_factory(),
    )
    snapshot = adapter.collect()
    return snapshot, evaluate(CONTROLS, [snapshot])


def _verdicts(report: Report, control_id: str) -> dict[str, Status]:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


def test_clusters_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    session = session_factory()()
    seed(lambda service: session.client(service, region_name=REGIONS[0], endpoint_url=endpoint))
    snapshot, report = _scan(endpoint)
    assert snapshot.errors == ()
    cache = f"arn:aws:dax:{REGIONS[0]}:{ACCOUNT}:cache/"
    assert _verdicts(report, "pci-4.2.1-data-store-tls") == {
        f"{cache}sessions-good": Status.PASS,
        f"{cache}sessions-bad": Status.FAIL,
    }
