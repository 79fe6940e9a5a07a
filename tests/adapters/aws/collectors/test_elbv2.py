"""Load balancers against moto: access logs, web ACLs and listeners of ALBs and NLBs, and the
access logs of Classic Load Balancers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collector import Collector
from adapters.aws.collectors.elb import ElbCollector
from adapters.aws.collectors.elbv2 import Elbv2Collector
from adapters.aws.collectors.wafv2 import Wafv2Collector
from checker.models import Status, worst
from tests.adapters.aws.collectors.test_wafv2 import web_acl
from tests.adapters.aws.conftest import client_for, findings_of, reset, scan_with, verdicts_of

LOGGING = "pci-10.2.1-edge-access-logging"
WAF = "pci-6.4.2-waf-public-apps"
COLLECTORS: list[Collector] = [Elbv2Collector(), ElbCollector(), Wafv2Collector()]


def _access_logs(bucket: str) -> list[dict[str, str]]:
    return [
        {"Key": "access_logs.s3.enabled", "Value": "true"},
        {"Key": "access_logs.s3.bucket", "Value": bucket},
        {"Key": "access_logs.s3.prefix", "Value": "lb"},
    ]


def create_classic(elb: Any, *names: str) -> None:
    """Classic Load Balancers with one HTTP listener, in the region's first zone."""
    listeners = [{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}]
    for name in names:
        elb.create_load_balancer(
            LoadBalancerName=name,
            Listeners=listeners,
            AvailabilityZones=[f"{elb.meta.region_name}a"],
        )


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant load balancers in one region."""
    ec2, elbv2, elb = client("ec2"), client("elbv2"), client("elb")
    subnets = [subnet["SubnetId"] for subnet in ec2.describe_subnets()["Subnets"][:2]]
    shield = web_acl(client, "edge-good-shield")
    for name, kind in (
        ("edge-good", "application"),
        ("edge-bad", "application"),
        ("ingest-good", "network"),
        ("ingest-bad", "network"),
    ):
        balancer = elbv2.create_load_balancer(
            Name=name, Subnets=subnets, Type=kind, Scheme="internet-facing"
        )["LoadBalancers"][0]["LoadBalancerArn"]
        if "good" in name:
            elbv2.modify_load_balancer_attributes(
                LoadBalancerArn=balancer, Attributes=_access_logs("pay-edge-logs")
            )
            if kind == "application":
                client("wafv2").associate_web_acl(WebACLArn=shield, ResourceArn=balancer)
    # Internal: no web ACL needed, but access logs still are.
    internal = elbv2.create_load_balancer(Name="admin-good", Subnets=subnets, Scheme="internal")
    elbv2.modify_load_balancer_attributes(
        LoadBalancerArn=internal["LoadBalancers"][0]["LoadBalancerArn"],
        Attributes=_access_logs("pay-edge-logs"),
    )
    create_classic(elb, "legacy-good", "legacy-bad")
    elb.modify_load_balancer_attributes(
        LoadBalancerName="legacy-good",
        LoadBalancerAttributes={
            "AccessLog": {"Enabled": True, "S3BucketName": "pay-edge-logs", "EmitInterval": 5}
        },
    )


def by_name(statuses: dict[str, Status], name: str) -> Status:
    (status,) = [s for arn, s in statuses.items() if arn.split("/")[-2:-1] == [name]]
    return status


def classic(statuses: dict[str, Status], name: str) -> Status:
    (status,) = [s for arn, s in statuses.items() if arn.endswith(f":loadbalancer/{name}")]
    return status


def seeded(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))


def test_load_balancers_are_judged_by_access_logs_and_web_acl(endpoint: str) -> None:
    seeded(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    logging, waf = verdicts_of(report, LOGGING), verdicts_of(report, WAF)
    for good in ("edge-good", "ingest-good", "admin-good"):
        assert by_name(logging, good) is Status.PASS, good
    for bad in ("edge-bad", "ingest-bad"):
        assert by_name(logging, bad) is Status.FAIL, bad
    assert classic(logging, "legacy-good") is Status.PASS
    assert classic(logging, "legacy-bad") is Status.FAIL
    assert by_name(waf, "edge-good") is Status.PASS
    assert by_name(waf, "edge-bad") is Status.FAIL
    # Network and internal load balancers cannot take a web ACL: not judged.
    judged = {arn.split("/")[-2] for arn in waf if ":loadbalancer/" in arn}
    assert judged == {"edge-good", "edge-bad"}


def test_load_balancers_carry_attributes_and_web_acl(endpoint: str) -> None:
    seeded(endpoint)
    snapshot, _ = scan_with(endpoint, COLLECTORS)
    balancers = {
        r.address.split("/")[-2]: r for r in snapshot.resources if r.type == "elbv2.load_balancer"
    }
    good = balancers["edge-good"].attributes
    assert {"Key": "access_logs.s3.enabled", "Value": "true"} in good["Attributes"]
    assert "/webacl/edge-good-shield/" in good["WebACL"]["ARN"]
    assert balancers["edge-bad"].attributes["WebACL"] is None
    # Only internet-facing application load balancers are asked for their web ACL.
    assert "WebACL" not in balancers["ingest-good"].attributes
    assert "WebACL" not in balancers["admin-good"].attributes
    (legacy,) = [r for r in snapshot.resources if r.address.endswith(":loadbalancer/legacy-good")]
    assert legacy.attributes["LoadBalancerAttributes"]["AccessLog"]["Enabled"] is True


def test_listeners_are_still_collected_per_load_balancer(endpoint: str) -> None:
    seeded(endpoint)
    elbv2 = client_for(endpoint)("elbv2")
    balancer = elbv2.describe_load_balancers(Names=["edge-good"])["LoadBalancers"][0]
    vpc = balancer["VpcId"]
    group = elbv2.create_target_group(Name="api", Protocol="HTTP", Port=8080, VpcId=vpc)
    elbv2.create_listener(
        LoadBalancerArn=balancer["LoadBalancerArn"],
        Protocol="HTTP",
        Port=80,
        DefaultActions=[
            {"Type": "forward", "TargetGroupArn": group["TargetGroups"][0]["TargetGroupArn"]}
        ],
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    (listener,) = [r for r in snapshot.resources if r.type == "elbv2.listener"]
    assert listener.attributes["LoadBalancerArn"] == balancer["LoadBalancerArn"]
    assert set(verdicts_of(report, "pci-4.2.1-lb-https-only").values()) == {Status.FAIL}


def deny(operation: str) -> Callable[..., None]:
    def handler(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDenied", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, operation)

    return handler


def test_a_denied_attribute_read_errors_only_the_access_log_checks(endpoint: str) -> None:
    seeded(endpoint)
    hooks = {
        "before-call.elastic-load-balancing-v2.DescribeLoadBalancerAttributes": deny(
            "DescribeLoadBalancerAttributes"
        )
    }
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    logging = verdicts_of(report, LOGGING)
    assert by_name(logging, "edge-good") is Status.ERROR
    assert classic(logging, "legacy-good") is Status.PASS
    assert by_name(verdicts_of(report, WAF), "edge-good") is Status.PASS


def test_a_denied_web_acl_read_errors_the_waf_check(endpoint: str) -> None:
    seeded(endpoint)
    hooks = {"before-call.wafv2.GetWebACLForResource": deny("GetWebACLForResource")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    waf = verdicts_of(report, WAF)
    assert by_name(waf, "edge-good") is Status.ERROR
    assert by_name(waf, "edge-bad") is Status.ERROR
    assert by_name(verdicts_of(report, LOGGING), "edge-good") is Status.PASS


def test_http_load_balancers_are_judged_by_header_and_desync_protection(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    ec2, elbv2, elb = client("ec2"), client("elbv2"), client("elb")
    subnets = [subnet["SubnetId"] for subnet in ec2.describe_subnets()["Subnets"][:2]]
    drop = {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"}
    planted = {
        "strict-good": [drop, {"Key": "routing.http.desync_mitigation_mode", "Value": "strictest"}],
        "lax-bad": [],
        "monitor-bad": [drop, {"Key": "routing.http.desync_mitigation_mode", "Value": "monitor"}],
    }
    for name, attributes in planted.items():
        balancer = elbv2.create_load_balancer(Name=name, Subnets=subnets)
        if attributes:
            elbv2.modify_load_balancer_attributes(
                LoadBalancerArn=balancer["LoadBalancers"][0]["LoadBalancerArn"],
                Attributes=attributes,
            )
    elbv2.create_load_balancer(Name="ingest", Subnets=subnets, Type="network")
    create_classic(elb, "legacy-good", "legacy-bad")
    elb.modify_load_balancer_attributes(
        LoadBalancerName="legacy-bad",
        LoadBalancerAttributes={
            "AdditionalAttributes": [{"Key": "elb.http.desyncmitigationmode", "Value": "monitor"}]
        },
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    # Two checks judge each application load balancer: its worse verdict is its verdict.
    statuses = {
        arn: worst(found)
        for arn, found in findings_of(report, "pci-2.2.6-lb-http-desync-protection").items()
    }
    assert by_name(statuses, "strict-good") is Status.PASS
    assert by_name(statuses, "lax-bad") is Status.FAIL
    assert by_name(statuses, "monitor-bad") is Status.FAIL
    assert classic(statuses, "legacy-good") is Status.PASS
    assert classic(statuses, "legacy-bad") is Status.FAIL
    # A network load balancer does not parse HTTP: not judged.
    assert not [arn for arn in statuses if "/ingest/" in arn]
