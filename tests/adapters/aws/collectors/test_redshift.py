"""The Redshift collector against moto's server, and the controls that judge clusters:
encryption with a customer-managed key, public reach, required SSL and audit logging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.redshift import RedshiftCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [RedshiftCollector()]
ACCOUNT = "123456789012"
SSL_PARAMETERS = "warehouse-ssl-params"


def arn(name: str) -> str:
    """A cluster's ARN in the test account and region."""
    return f"arn:aws:redshift:{REGIONS[0]}:{ACCOUNT}:cluster:{name}"


COMPLIANT, BAD = arn("warehouse-private"), arn("warehouse-bad")


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant Redshift clusters in one region.

    The compliant cluster is named neither good nor bad: moto cannot change a parameter group
    (ModifyClusterParameterGroup is not implemented), so its `require_ssl` stays false there
    and it fails pci-4.2.1-data-store-tls, as it rightly would in AWS with that setting. The
    tests here answer DescribeClusterParameters for its group as AWS does once it is set.
    """
    ec2, kms, redshift = client("ec2"), client("kms"), client("redshift")
    vpc = ec2.create_vpc(CidrBlock="10.40.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.40.1.0/24")["Subnet"]["SubnetId"]
    redshift.create_cluster_subnet_group(
        ClusterSubnetGroupName="warehouse-subnets",
        Description="private subnets",
        SubnetIds=[subnet],
    )
    redshift.create_cluster_parameter_group(
        ParameterGroupName=SSL_PARAMETERS,
        ParameterGroupFamily="redshift-1.0",
        Description="require_ssl = true",
    )
    key = kms.create_key(Description="warehouse")["KeyMetadata"]["Arn"]
    redshift.create_cluster(
        ClusterIdentifier="warehouse-private",
        NodeType="ra3.xlplus",
        MasterUsername="warehouse_admin",
        MasterUserPassword="Fake-password-for-tests-1",
        Encrypted=True,
        KmsKeyId=key,
        PubliclyAccessible=False,
        ClusterSubnetGroupName="warehouse-subnets",
        ClusterParameterGroupName=SSL_PARAMETERS,
    )
    redshift.enable_logging(
        ClusterIdentifier="warehouse-private",
        LogDestinationType="cloudwatch",
        LogExports=["connectionlog", "userlog", "useractivitylog"],
    )
    redshift.create_cluster(
        ClusterIdentifier="warehouse-bad",
        NodeType="ra3.xlplus",
        MasterUsername="warehouse_admin",
        MasterUserPassword="Fake-password-for-tests-1",
        PubliclyAccessible=True,
    )


def _note_group(params: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    context["ssl_group"] = SSL_PARAMETERS in str(params.get("body"))


def _require_ssl(parsed: dict[str, Any], context: dict[str, Any], **_: Any) -> None:
    """What DescribeClusterParameters answers for the compliant group once require_ssl is set."""
    if context.get("ssl_group"):
        for parameter in parsed.get("Parameters", []):
            if parameter.get("ParameterName") == "require_ssl":
                parameter["ParameterValue"] = "true"


HOOKS: dict[str, Callable[..., Any]] = {
    "before-call.redshift.DescribeClusterParameters": _note_group,
    "after-call.redshift.DescribeClusterParameters": _require_ssl,
}


def test_clusters_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS, **HOOKS)
    assert snapshot.errors == ()
    for control in (
        "pci-3.5.1-redshift-encryption",
        "pci-1.4.4-data-stores-not-public",
        "pci-4.2.1-data-store-tls",
        "pci-10.2.1-data-store-audit-logging",
    ):
        assert verdicts_of(report, control) == {COMPLIANT: Status.PASS, BAD: Status.FAIL}, control


def test_a_cluster_carries_its_require_ssl_logging_and_key_manager(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    by_arn = {resource.address: resource for resource in snapshot.resources}
    assert by_arn[COMPLIANT].attributes["KmsKeyManager"] == "CUSTOMER"
    assert by_arn[COMPLIANT].attributes["LoggingStatus"]["LoggingEnabled"] is True
    assert by_arn[BAD].attributes["LoggingStatus"]["LoggingEnabled"] is False
    assert "KmsKeyManager" not in by_arn[BAD].attributes
    # moto keeps require_ssl false in every group: without the answer above both fail.
    assert by_arn[COMPLIANT].attributes["RequireSsl"] == "false"
    assert set(verdicts_of(report, "pci-4.2.1-data-store-tls").values()) == {Status.FAIL}


def test_a_cluster_encrypted_with_the_aws_managed_key_fails(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    def aws_managed(parsed: dict[str, Any], **_: Any) -> None:
        parsed["KeyMetadata"]["KeyManager"] = "AWS"

    _, report = scan_with(endpoint, COLLECTORS, **{"after-call.kms.DescribeKey": aws_managed})
    assert verdicts_of(report, "pci-3.5.1-redshift-encryption")[COMPLIANT] is Status.FAIL


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeLoggingStatus")


def test_logging_status_that_cannot_be_read_is_an_error_naming_the_action(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    _, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.redshift.DescribeLoggingStatus": _denied}
    )
    assert verdicts_of(report, "pci-10.2.1-data-store-audit-logging") == {
        COMPLIANT: Status.ERROR,
        BAD: Status.ERROR,
    }
    (result,) = [r for r in report.results if r.control.id == "pci-10.2.1-data-store-audit-logging"]
    assert all("redshift:DescribeLoggingStatus" in f.message for f in result.findings)
    assert verdicts_of(report, "pci-3.5.1-redshift-encryption") == {
        COMPLIANT: Status.PASS,
        BAD: Status.FAIL,
    }
