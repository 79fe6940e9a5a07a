"""The DAX collector against moto's server, and the controls that want TLS on the cluster
endpoint and the cached items encrypted at rest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.dax import DaxCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [DaxCollector()]
ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/dax"


def seed(client: Callable[[str], Any]) -> None:
    """A cluster with TLS and server-side encryption, and one left at the defaults (neither)."""
    dax = client("dax")
    dax.create_cluster(
        ClusterName="sessions-good",
        NodeType="dax.r5.large",
        ReplicationFactor=1,
        IamRoleArn=ROLE,
        ClusterEndpointEncryptionType="TLS",
        SSESpecification={"Enabled": True},
    )
    dax.create_cluster(
        ClusterName="sessions-bad", NodeType="dax.r5.large", ReplicationFactor=1, IamRoleArn=ROLE
    )


def test_clusters_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    cache = f"arn:aws:dax:{REGIONS[0]}:{ACCOUNT}:cache/"
    for control in ("pci-4.2.1-data-store-tls", "pci-3.5.1-elasticache-at-rest"):
        assert verdicts_of(report, control) == {
            f"{cache}sessions-good": Status.PASS,
            f"{cache}sessions-bad": Status.FAIL,
        }, control
