"""The DMS collector against moto's server, and the controls that judge replication
instances (public reach) and endpoints (SSL)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.dms import DmsCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [DmsCollector()]
ACCOUNT = "123456789012"


def seed(client: Callable[[str], Any]) -> None:
    """Private and public replication instances, and endpoints with and without SSL."""
    dms = client("dms")
    for name, public in (("migrate-good", False), ("migrate-bad", True)):
        dms.create_replication_instance(
            ReplicationInstanceIdentifier=name,
            ReplicationInstanceClass="dms.t3.medium",
            PubliclyAccessible=public,
        )
    for name, endpoint_type, engine, ssl_mode in (
        ("ledger-source-good", "source", "postgres", "verify-full"),
        ("ledger-target-bad", "target", "aurora-postgresql", "none"),
        ("ledger-archive", "target", "s3", "none"),
    ):
        dms.create_endpoint(
            EndpointIdentifier=name,
            EndpointType=endpoint_type,
            EngineName=engine,
            SslMode=ssl_mode,
            ServerName="ledger.internal",
            Port=5432,
            DatabaseName="ledger",
            Username="migrator",
            Password="Fake-password-for-tests-1",
        )


def test_instances_and_endpoints_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    endpoints = {
        item["EndpointIdentifier"]: item["EndpointArn"]
        for item in client("dms").describe_endpoints()["Endpoints"]
    }
    instance = f"arn:aws:dms:{REGIONS[0]}:{ACCOUNT}:rep:"
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, "pci-1.4.4-data-stores-not-public") == {
        f"{instance}migrate-good": Status.PASS,
        f"{instance}migrate-bad": Status.FAIL,
    }
    # The S3 target is not judged: DMS reaches S3 over HTTPS whatever its SSL mode.
    assert verdicts_of(report, "pci-4.2.1-data-store-tls") == {
        endpoints["ledger-source-good"]: Status.PASS,
        endpoints["ledger-target-bad"]: Status.FAIL,
    }


def test_an_instance_that_reports_no_accessibility_fails(endpoint: str) -> None:
    reset(endpoint)
    client_for(endpoint)("dms").create_replication_instance(
        ReplicationInstanceIdentifier="migrate-unstated",
        ReplicationInstanceClass="dms.t3.medium",
    )
    _, report = scan_with(endpoint, COLLECTORS)
    assert set(verdicts_of(report, "pci-1.4.4-data-stores-not-public").values()) == {Status.FAIL}
