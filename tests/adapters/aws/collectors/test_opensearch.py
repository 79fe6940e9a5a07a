"""The OpenSearch collector against moto's server, and the controls that judge domains: network
placement, encryption at rest with a customer-managed key, HTTPS and node-to-node TLS, and
audit logs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws import Account, AwsAdapter
from adapters.aws.collectors.opensearch import OpenSearchCollector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, reset, session_factory

CONTROLS = load_controls([builtin_policy_dir()])
ACCOUNT = "123456789012"
DOMAIN_CONTROLS = (
    "pci-1.4.4-data-stores-not-public",
    "pci-3.5.1-opensearch-encryption",
    "pci-4.2.1-opensearch-tls",
    "pci-10.2.1-data-store-audit-logging",
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


def _client(endpoint: str) -> Callable[[str], Any]:
    session = session_factory()()

    def client(service: str) -> Any:
        return session.client(service, region_name=REGIONS[0], endpoint_url=endpoint)

    return client


def _scan(endpoint: str, **hooks: Callable[..., Any]) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=[OpenSearchCollector()],
        session_factory=session_factory(**hooks),
    )
    snapshot = adapter.collect()
    return snapshot, evaluate(CONTROLS, [snapshot])


def _verdicts(report: Report, control_id: str) -> dict[str, Status]:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


def test_domains_of_both_engines_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    seed(_client(endpoint))
    snapshot, report = _scan(endpoint)
    assert snapshot.errors == ()
    for control in DOMAIN_CONTROLS:
        assert _verdicts(report, control) == {GOOD: Status.PASS, BAD: Status.FAIL}, control
    (good,) = [r for r in snapshot.resources if r.address == GOOD]
    assert good.attributes["KmsKeyManager"] == "CUSTOMER"


def test_an_aws_managed_key_fails_only_the_key_requirement(endpoint: str) -> None:
    reset(endpoint)
    seed(_client(endpoint))

    def aws_managed(parsed: dict[str, Any], **_: Any) -> None:
        parsed["KeyMetadata"]["KeyManager"] = "AWS"

    _, report = _scan(endpoint, **{"after-call.kms.DescribeKey": aws_managed})
    assert _verdicts(report, "pci-3.5.1-opensearch-encryption")[GOOD] is Status.FAIL
    assert _verdicts(report, "pci-4.2.1-opensearch-tls")[GOOD] is Status.PASS


def test_more_domains_than_one_describe_call_takes_are_all_collected(endpoint: str) -> None:
    reset(endpoint)
    es = _client(endpoint)("es")
    names = [f"index-{number}" for number in range(7)]
    for name in names:
        es.create_elasticsearch_domain(DomainName=name, ElasticsearchVersion="7.10")
    snapshot, _ = _scan(endpoint)
    assert {r.address for r in snapshot.resources} == {arn(name) for name in names}


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "DescribeElasticsearchDomains")


def test_domains_that_cannot_be_described_are_errors_naming_the_action(endpoint: str) -> None:
    reset(endpoint)
    seed(_client(endpoint))
    _, report = _scan(
        endpoint, **{"before-call.elasticsearch-service.DescribeElasticsearchDomains": _denied}
    )
    for control in DOMAIN_CONTROLS:
        assert _verdicts(report, control) == {GOOD: Status.ERROR, BAD: Status.ERROR}, control
        (result,) = [r for r in report.results if r.control.id == control]
        assert all("es:DescribeElasticsearchDomains" in f.message for f in result.findings)
