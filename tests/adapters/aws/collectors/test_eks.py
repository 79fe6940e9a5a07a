"""The EKS collector against moto's server, and the controls that judge clusters and node
groups: endpoint exposure, node SSH, secrets encryption, control plane logging and the
Kubernetes version's support."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.eks import EksCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [EksCollector()]
ROLE = "arn:aws:iam::123456789012:role/eks-cluster"
NODE_ROLE = "arn:aws:iam::123456789012:role/eks-node"
ALL_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant EKS clusters and node groups in one region."""
    ec2, eks, kms = client("ec2"), client("eks"), client("kms")
    vpc = ec2.create_vpc(CidrBlock="10.20.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.20.1.0/24")["Subnet"]["SubnetId"]
    bastion = ec2.create_security_group(GroupName="eks-bastion", Description="bastion", VpcId=vpc)[
        "GroupId"
    ]
    key = kms.create_key(Description="eks secrets")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    eks.create_cluster(
        name="payments-good",
        roleArn=ROLE,
        resourcesVpcConfig={
            "subnetIds": [subnet],
            "endpointPublicAccess": False,
            "endpointPrivateAccess": True,
        },
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": key}}],
        logging={"clusterLogging": [{"types": ALL_LOG_TYPES, "enabled": True}]},
    )
    eks.create_cluster(
        name="payments-bad",
        roleArn=ROLE,
        resourcesVpcConfig={
            "subnetIds": [subnet],
            "endpointPublicAccess": True,
            "endpointPrivateAccess": False,
            "publicAccessCidrs": ["0.0.0.0/0"],
        },
        logging={
            "clusterLogging": [
                {"types": ["api", "audit", "authenticator"], "enabled": True},
                {"types": ["controllerManager", "scheduler"], "enabled": False},
            ]
        },
    )
    # Every node group names its remote access: moto gives one without it an SSH key anyway.
    eks.create_nodegroup(
        clusterName="payments-good",
        nodegroupName="workers-good",
        nodeRole=NODE_ROLE,
        subnets=[subnet],
        remoteAccess={"ec2SshKey": "ops-2024", "sourceSecurityGroups": [bastion]},
    )
    eks.create_nodegroup(
        clusterName="payments-bad",
        nodegroupName="workers-bad",
        nodeRole=NODE_ROLE,
        subnets=[subnet],
        remoteAccess={"ec2SshKey": "ops-2024"},
    )


def _arns(client: Callable[[str], Any]) -> dict[str, str]:
    """Cluster and node group ARNs by name."""
    eks = client("eks")
    arns: dict[str, str] = {}
    for cluster in eks.list_clusters()["clusters"]:
        arns[cluster] = eks.describe_cluster(name=cluster)["cluster"]["arn"]
        for group in eks.list_nodegroups(clusterName=cluster)["nodegroups"]:
            described = eks.describe_nodegroup(clusterName=cluster, nodegroupName=group)
            arns[group] = described["nodegroup"]["nodegroupArn"]
    return arns


def test_clusters_and_node_groups_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    good, bad = arns["payments-good"], arns["payments-bad"]
    assert verdicts_of(report, "pci-1.4.2-eks-endpoint-not-public") == {
        good: Status.PASS,
        bad: Status.FAIL,
        arns["workers-good"]: Status.PASS,
        arns["workers-bad"]: Status.FAIL,
    }
    assert verdicts_of(report, "pci-8.3.2-eks-secrets-encryption") == {
        good: Status.PASS,
        bad: Status.FAIL,
    }
    assert verdicts_of(report, "pci-10.2.1-container-admin-logging") == {
        good: Status.PASS,
        bad: Status.FAIL,
    }


def test_a_public_endpoint_limited_to_named_ranges_passes(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    vpc = client("ec2").create_vpc(CidrBlock="10.30.0.0/16")["Vpc"]["VpcId"]
    subnet = client("ec2").create_subnet(VpcId=vpc, CidrBlock="10.30.1.0/24")["Subnet"]
    for name, cidrs in (("office-good", ["203.0.113.0/24"]), ("ipv6-bad", ["::/0"])):
        client("eks").create_cluster(
            name=name,
            roleArn=ROLE,
            resourcesVpcConfig={
                "subnetIds": [subnet["SubnetId"]],
                "endpointPublicAccess": True,
                "publicAccessCidrs": cidrs,
            },
        )
    arns = _arns(client)
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, "pci-1.4.2-eks-endpoint-not-public") == {
        arns["office-good"]: Status.PASS,
        arns["ipv6-bad"]: Status.FAIL,
    }
    # moto's default logging lists every type, switched off.
    assert set(verdicts_of(report, "pci-10.2.1-container-admin-logging").values()) == {Status.FAIL}


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeNodegroup")


def test_a_node_group_that_cannot_be_described_is_an_error_naming_the_action(
    endpoint: str,
) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.eks.DescribeNodegroup": _denied}
    )
    statuses = verdicts_of(report, "pci-1.4.2-eks-endpoint-not-public")
    assert statuses[arns["payments-good"]] is Status.PASS
    assert statuses[arns["payments-bad"]] is Status.FAIL
    groups = [r for r in snapshot.resources if r.type == "eks.nodegroup"]
    assert len(groups) == 2
    assert all("eks:DescribeNodegroup" in str(group.unresolved) for group in groups)
    assert {statuses[group.address] for group in groups} == {Status.ERROR}


VERSIONS = "pci-6.3.3-eks-supported-version"


def _clusters_on(client: Callable[[str], Any], versions: dict[str, str]) -> None:
    vpc = client("ec2").create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet = client("ec2").create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24")["Subnet"]
    for name, version in versions.items():
        client("eks").create_cluster(
            name=name,
            version=version,
            roleArn=ROLE,
            resourcesVpcConfig={"subnetIds": [subnet["SubnetId"]]},
        )


def test_clusters_are_judged_by_whether_their_version_is_in_standard_support(
    endpoint: str,
) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    _clusters_on(
        client,
        {"ledger-good": "1.35", "batch-bad": "1.34", "legacy-bad": "1.32", "edge-good": "1.36"},
    )
    arns = _arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, VERSIONS) == {
        arns["ledger-good"]: Status.PASS,
        arns["batch-bad"]: Status.FAIL,
        arns["legacy-bad"]: Status.FAIL,
        arns["edge-good"]: Status.PASS,
    }


def _cluster_denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeCluster")


def test_a_cluster_that_cannot_be_described_has_an_undecided_version(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    _clusters_on(client, {"ledger-good": "1.35"})
    arns = _arns(client)
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.eks.DescribeCluster": _cluster_denied}
    )
    assert verdicts_of(report, VERSIONS) == {arns["ledger-good"]: Status.ERROR}
    (result,) = [r for r in report.results if r.control.id == VERSIONS]
    assert "eks:DescribeCluster" in result.findings[0].message
