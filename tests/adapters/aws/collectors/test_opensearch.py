"""The OpenSearch collector against moto's server, and the controls that judge domains: network
placement, encryption at rest with a customer-managed key, HTTPS and node-to-node TLS, audit
logs and fine-grained access control."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.opensearch import OpenSearchCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [OpenSearchCollector()]
ACCOUNT = "123456789012"
DOMAIN_CONTROLS = (
    "pci-1.4.4-data-stores-not-public",
    "pci-3.5.1-opensearch-encryption",
    "pci-4.2.1-opensearch-tls",
    "pci-10.2.1-data-store-audit-logging",
    "pci-7.3.1-opensearch-fine-grained-access",
)


def arn(name: str) -> str:
    """A domain's ARN in the test account and region."""
    return f"arn:aws:es:{REGIONS[0]}:{ACCOUNT}:domain/{name}"


GOOD, BAD = arn("search-good"), arn("legacy-bad")


def seed(client: Callable[[str], Any]) -> None:
    """A compliant OpenSearch domain and a non-compliant Elasticsearch one in one region."""
    ec2, kms = client("ec2"), client("kms")
    vpc = ec2.create_vpc(CidrBlock="10.50.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.50.1.0/24")["Subnet"]["SubnetId"]
    group = ec2.create_security_group(GroupName="search-good", Description="search", VpcId=vpc)
    key = kms.create_key(Description="search")["KeyMetadata"]["Arn"]
    audit_logs = f"arn:aws:logs:{REGIONS[0]}:{ACCOUNT}:log-group:/aws/opensearch/search-good"
    client("opensearch").create_domain(
        DomainName="search-good",
        EngineVersion="OpenSearch_2.11",
        VPCOptions={"SubnetIds": [subnet], "SecurityGroupIds": [group["GroupId"]]},
        EncryptionAtRestOptions={"Enabled": True, "KmsKeyId": key},
        NodeToNodeEncryptionOptions={"Enabled": True},
        DomainEndpointOptions={
            "EnforceHTTPS": True,
            "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10",
        },
        AdvancedSecurityOptions={"Enabled": True, "InternalUserDatabaseEnabled": True},
        LogPublishingOptions={
            "AUDIT_LOGS": {"CloudWatchLogsLogGroupArn": audit_logs, "Enabled": True}
        },
    )
    client("es").create_elasticsearch_domain(DomainName="legacy-bad", ElasticsearchVersion="7.10")


def test_domains_of_both_engines_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    for control in DOMAIN_CONTROLS:
        assert verdicts_of(report, control) == {GOOD: Status.PASS, BAD: Status.FAIL}, control
    (good,) = [r for r in snapshot.resources if r.address == GOOD]
    assert good.attributes["KmsKeyManager"] == "CUSTOMER"


def test_an_aws_managed_key_fails_only_the_key_requirement(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))

    def aws_managed(parsed: dict[str, Any], **_: Any) -> None:
        parsed["KeyMetadata"]["KeyManager"] = "AWS"

    _, report = scan_with(endpoint, COLLECTORS, **{"after-call.kms.DescribeKey": aws_managed})
    assert verdicts_of(report, "pci-3.5.1-opensearch-encryption")[GOOD] is Status.FAIL
    assert verdicts_of(report, "pci-4.2.1-opensearch-tls")[GOOD] is Status.PASS


def test_more_domains_than_one_describe_call_takes_are_all_collected(endpoint: str) -> None:
    reset(endpoint)
    es = client_for(endpoint)("es")
    names = [f"index-{number}" for number in range(7)]
    for name in names:
        es.create_elasticsearch_domain(DomainName=name, ElasticsearchVersion="7.10")
    snapshot, _ = scan_with(endpoint, COLLECTORS)
    assert {r.address for r in snapshot.resources} == {arn(name) for name in names}


def test_a_domain_that_admits_anonymous_users_fails_fine_grained_access(endpoint: str) -> None:
    reset(endpoint)
    opensearch = client_for(endpoint)("opensearch")
    opensearch.create_domain(
        DomainName="migrating-bad",
        EngineVersion="OpenSearch_2.11",
        AdvancedSecurityOptions={
            "Enabled": True,
            "InternalUserDatabaseEnabled": True,
            "AnonymousAuthEnabled": True,
        },
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    verdicts = verdicts_of(report, "pci-7.3.1-opensearch-fine-grained-access")
    assert verdicts == {arn("migrating-bad"): Status.FAIL}
    (domain,) = snapshot.resources
    assert domain.attributes["AdvancedSecurityOptions"]["Enabled"] is True
    assert domain.attributes["AdvancedSecurityOptions"]["AnonymousAuthEnabled"] is True


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeElasticsearchDomains")


def test_domains_that_cannot_be_described_are_errors_naming_the_action(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"before-call.elasticsearch-service.DescribeElasticsearchDomains": _denied}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    for control in DOMAIN_CONTROLS:
        assert verdicts_of(report, control) == {GOOD: Status.ERROR, BAD: Status.ERROR}, control
        (result,) = [r for r in report.results if r.control.id == control]
        assert all("es:DescribeElasticsearchDomains" in f.message for f in result.findings)
