"""The MSK collector against moto's server, and the control that keeps brokers off the
internet."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.msk import MskCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [MskCollector()]


def seed(client: Callable[[str], Any]) -> None:
    """A cluster with private brokers and one whose brokers get public addresses."""
    ec2, kafka = client("ec2"), client("kafka")
    vpc = ec2.create_vpc(CidrBlock="10.60.0.0/16")["Vpc"]["VpcId"]
    subnets = [
        ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.60.{number}.0/24")["Subnet"]["SubnetId"]
        for number in (1, 2)
    ]
    for name, access in (("events-good", "DISABLED"), ("events-bad", "SERVICE_PROVIDED_EIPS")):
        kafka.create_cluster_v2(
            ClusterName=name,
            Provisioned={
                "BrokerNodeGroupInfo": {
                    "InstanceType": "kafka.m5.large",
                    "ClientSubnets": subnets,
                    "ConnectivityInfo": {"PublicAccess": {"Type": access}},
                },
                "KafkaVersion": "3.6.0",
                "NumberOfBrokerNodes": 2,
            },
            Tags={"DataClassification": "cardholder"},
        )


def test_clusters_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = {
        cluster["ClusterName"]: cluster["ClusterArn"]
        for cluster in client("kafka").list_clusters_v2()["ClusterInfoList"]
    }
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, "pci-1.4.4-data-stores-not-public") == {
        arns["events-good"]: Status.PASS,
        arns["events-bad"]: Status.FAIL,
    }
    assert {r.address: r.tags for r in snapshot.resources} == {
        arn: {"DataClassification": "cardholder"} for arn in arns.values()
    }


def test_a_serverless_cluster_has_no_brokers_to_expose(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    client("kafka").create_cluster_v2(
        ClusterName="events-serverless",
        Serverless={"VpcConfigs": [{"SubnetIds": ["subnet-0a1b2c3d"]}]},
    )
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, "pci-1.4.4-data-stores-not-public") == {}
