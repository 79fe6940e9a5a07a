"""The MemoryDB collector against moto's server, and the control that keeps TLS on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws import Account, AwsAdapter
from adapters.aws.collectors.memorydb import MemoryDbCollector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, reset, session_factory

CONTROLS = load_controls([builtin_policy_dir()])
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


def _scan(endpoint: str) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=[MemoryDbCollector()],
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
    cluster = f"arn:aws:memorydb:{REGIONS[0]}:{ACCOUNT}:cluster/"
    assert _verdicts(report, "pci-4.2.1-data-store-tls") == {
        f"{cluster}tokens-good": Status.PASS,
        f"{cluster}tokens-bad": Status.FAIL,
    }
