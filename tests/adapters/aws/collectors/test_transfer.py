"""The Transfer Family collector against moto's server, and the control on the protocols and
security policy of servers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.transfer import TransferCollector
from checker.models import Status, worst
from checker.results import Report
from tests.adapters.aws.conftest import client_for, findings_of, reset, scan_with

COLLECTORS = [TransferCollector()]
PROTOCOLS = "pci-4.2.1-transfer-secure-protocols"
# Server IDs are random, so each server's Name tag tells the tests which one it is.
SERVERS: dict[str, dict[str, Any]] = {
    "settlements-good": {
        "Protocols": ["SFTP"],
        "SecurityPolicyName": "TransferSecurityPolicy-2024-01",
    },
    "chargebacks-ftps-good": {
        "Protocols": ["SFTP", "FTPS"],
        "SecurityPolicyName": "TransferSecurityPolicy-FIPS-2023-05",
        "Certificate": "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-0000-4000-8000-1",
    },
    "reconciliation-ftp-bad": {
        "Protocols": ["SFTP", "FTP"],
        "SecurityPolicyName": "TransferSecurityPolicy-2024-01",
        "EndpointType": "VPC",
    },
    "disputes-policy-bad": {
        "Protocols": ["SFTP"],
        "SecurityPolicyName": "TransferSecurityPolicy-2020-06",
    },
}


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant Transfer Family servers in one region, each named by its
    Name tag: the good ones accept SFTP (and FTPS) under a 2023-or-later policy; the bad ones
    accept plain FTP or keep an older policy."""
    transfer = client("transfer")
    for name, settings in SERVERS.items():
        transfer.create_server(
            IdentityProviderType="SERVICE_MANAGED",
            Tags=[{"Key": "Name", "Value": name}],
            **settings,
        )


def _verdicts(report: Report) -> dict[str, Status]:
    """Each server's status: the worst of the two checks (protocols, policy)."""
    return {resource: worst(found) for resource, found in findings_of(report, PROTOCOLS).items()}


def _arns(client: Callable[[str], Any]) -> dict[str, str]:
    """Server ARNs by their Name tag."""
    transfer = client("transfer")
    arns = {}
    for listed in transfer.list_servers()["Servers"]:
        server = transfer.describe_server(ServerId=listed["ServerId"])["Server"]
        tags = {tag["Key"]: tag["Value"] for tag in server.get("Tags", [])}
        arns[tags.get("Name", listed["ServerId"])] = server["Arn"]
    return arns


def test_servers_are_judged_by_protocols_and_policy(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert _verdicts(report) == {
        arns["settlements-good"]: Status.PASS,
        arns["chargebacks-ftps-good"]: Status.PASS,
        arns["reconciliation-ftp-bad"]: Status.FAIL,
        arns["disputes-policy-bad"]: Status.FAIL,
    }
    server = next(r for r in snapshot.resources if r.address == arns["settlements-good"])
    assert server.tags == {"Name": "settlements-good"}


def test_a_server_left_at_the_defaults_fails_on_its_2018_policy(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    client("transfer").create_server(Tags=[{"Key": "Name", "Value": "defaults-bad"}])
    arns = _arns(client)
    _, report = scan_with(endpoint, COLLECTORS)
    assert _verdicts(report) == {arns["defaults-bad"]: Status.FAIL}
    (result,) = [r for r in report.results if r.control.id == PROTOCOLS]
    (failing,) = [f for f in result.findings if f.status is Status.FAIL]
    assert "2018-11" in failing.message


def test_a_server_that_cannot_be_described_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)

    def denied(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
        }
        raise ClientError(response, "DescribeServer")

    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.transfer.DescribeServer": denied}
    )
    assert _verdicts(report) == dict.fromkeys(arns.values(), Status.ERROR)
    assert all("transfer:DescribeServer" in str(r.unresolved) for r in snapshot.resources)
