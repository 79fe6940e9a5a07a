"""The MemoryDB collector against moto's server, and the control that keeps TLS on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.memorydb import MemoryDbCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [MemoryDbCollector()]
ACCOUNT = "123456789012"


def seed(client: Callable[[str], Any]) -> None:
    """A cluster with TLS (the default) and one with TLS switched off."""
    memorydb = client("memorydb")
    memorydb.create_cluster(
        ClusterName="tokens-good", NodeType="db.t4g.small", ACLName="open-access"
    )
    memorydb.create_cluster(
        ClusterName="tokens-bad", NodeType="db.t4g.small", ACLName="open-access", TLSEnabled=False
    )


def test_clusters_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    cluster = f"arn:aws:memorydb:{REGIONS[0]}:{ACCOUNT}:cluster/"
    assert verdicts_of(report, "pci-4.2.1-data-store-tls") == {
        f"{cluster}tokens-good": Status.PASS,
        f"{cluster}tokens-bad": Status.FAIL,
    }
