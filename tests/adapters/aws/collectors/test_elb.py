"""Classic Load Balancers against moto: listeners judged by protocol and SSL negotiation policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.elb import ElbCollector
from checker.models import Snapshot, Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [ElbCollector()]
HTTPS_ONLY = "pci-4.2.1-lb-https-only"
TLS_POLICY = "pci-4.2.1-lb-tls-policy"


def _listener(protocol: str, port: int, certificate: str | None = None) -> dict[str, Any]:
    listener: dict[str, Any] = {
        "Protocol": protocol,
        "LoadBalancerPort": port,
        "InstanceProtocol": "HTTP",
        "InstancePort": 8080,
    }
    if certificate:
        listener["SSLCertificateId"] = certificate
    return listener


def _balancer(
    elb: Any, name: str, listeners: list[dict[str, Any]], policy: list[dict[str, str]] | None
) -> None:
    """A balancer; with `policy`, an SSL negotiation policy of those attributes on port 443."""
    elb.create_load_balancer(
        LoadBalancerName=name, AvailabilityZones=[f"{REGIONS[0]}a"], Listeners=listeners
    )
    if policy is None:
        return
    elb.create_load_balancer_policy(
        LoadBalancerName=name,
        PolicyName=f"{name}-tls",
        PolicyTypeName="SSLNegotiationPolicyType",
        PolicyAttributes=policy,
    )
    elb.set_load_balancer_policies_of_listener(
        LoadBalancerName=name, LoadBalancerPort=443, PolicyNames=[f"{name}-tls"]
    )


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant Classic Load Balancers in one region."""
    certificate = client("acm").request_certificate(DomainName="pay.example.com")
    arn = certificate["CertificateArn"]
    elb = client("elb")
    tls12 = [
        {
            "AttributeName": "Reference-Security-Policy",
            "AttributeValue": "ELBSecurityPolicy-TLS-1-2-2017-01",
        }
    ]
    _balancer(elb, "elb-good-https", [_listener("HTTPS", 443, arn)], tls12)
    _balancer(
        elb,
        "elb-good-custom",
        [_listener("SSL", 443, arn), _listener("TCP", 5432)],
        [
            {"AttributeName": "Protocol-TLSv1", "AttributeValue": "false"},
            {"AttributeName": "Protocol-TLSv1.1", "AttributeValue": "false"},
            {"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"},
            {"AttributeName": "ECDHE-RSA-AES128-GCM-SHA256", "AttributeValue": "true"},
        ],
    )
    # Each bad balancer also serves plain HTTP, so it fails every control that judges it.
    _balancer(elb, "elb-bad-http", [_listener("HTTP", 80)], None)
    _balancer(elb, "elb-bad-default", [_listener("HTTPS", 443, arn), _listener("HTTP", 80)], None)
    _balancer(
        elb,
        "elb-bad-tls10",
        [_listener("HTTPS", 443, arn), _listener("HTTP", 80)],
        [
            {"AttributeName": "Protocol-TLSv1", "AttributeValue": "true"},
            {"AttributeName": "Protocol-TLSv1.2", "AttributeValue": "true"},
        ],
    )
    _balancer(
        elb,
        "elb-bad-2016",
        [_listener("HTTPS", 443, arn), _listener("HTTP", 80)],
        [
            {
                "AttributeName": "Reference-Security-Policy",
                "AttributeValue": "ELBSecurityPolicy-2016-08",
            }
        ],
    )


def _seeded(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))


def _arn(snapshot: Snapshot, name: str) -> str:
    (found,) = [r.address for r in snapshot.resources if r.address.endswith(f"/{name}")]
    return found


def test_listeners_carry_the_policies_they_use(endpoint: str) -> None:
    _seeded(endpoint)
    snapshot, _ = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    (balancer,) = [r for r in snapshot.resources if r.address.endswith("/elb-good-https")]
    assert balancer.type == "elb.load_balancer"
    assert balancer.address == (
        f"arn:aws:elasticloadbalancing:{REGIONS[0]}:{balancer.namespace}"
        ":loadbalancer/elb-good-https"
    )
    (listener,) = balancer.attributes["ListenerDescriptions"]
    (policy,) = listener["PolicyDescriptions"]
    assert policy["PolicyTypeName"] == "SSLNegotiationPolicyType"
    assert policy["PolicyAttributeDescriptions"][0]["AttributeValue"] == (
        "ELBSecurityPolicy-TLS-1-2-2017-01"
    )


def test_plain_http_listeners_fail_and_https_ones_pass(endpoint: str) -> None:
    _seeded(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    verdicts = verdicts_of(report, HTTPS_ONLY)
    assert verdicts == {
        _arn(snapshot, "elb-good-https"): Status.PASS,
        _arn(snapshot, "elb-bad-http"): Status.FAIL,
        _arn(snapshot, "elb-bad-default"): Status.FAIL,
        _arn(snapshot, "elb-bad-tls10"): Status.FAIL,
        _arn(snapshot, "elb-bad-2016"): Status.FAIL,
    }


def test_tls_listeners_pass_only_on_a_tls12_negotiation_policy(endpoint: str) -> None:
    _seeded(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    verdicts = verdicts_of(report, TLS_POLICY)
    assert verdicts == {
        _arn(snapshot, "elb-good-https"): Status.PASS,
        _arn(snapshot, "elb-good-custom"): Status.PASS,
        # No policy: the listener negotiates with ELBSecurityPolicy-2016-08.
        _arn(snapshot, "elb-bad-default"): Status.FAIL,
        _arn(snapshot, "elb-bad-tls10"): Status.FAIL,
        _arn(snapshot, "elb-bad-2016"): Status.FAIL,
    }


def _denied(operation: str) -> Callable[..., None]:
    """A botocore hook that answers `operation` with AccessDenied."""
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }

    def handler(**_: Any) -> None:
        raise ClientError(response, operation)

    return handler


def test_unreadable_policies_make_only_the_tls_check_error(endpoint: str) -> None:
    _seeded(endpoint)
    event = "before-call.elastic-load-balancing.DescribeLoadBalancerPolicies"
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{event: _denied("DescribeLoadBalancerPolicies")}
    )
    tls = verdicts_of(report, TLS_POLICY)
    assert set(tls.values()) == {Status.ERROR}
    assert "DescribeLoadBalancerPolicies" in str(snapshot.resources[0].attributes)
    https_only = verdicts_of(report, HTTPS_ONLY)
    assert https_only[_arn(snapshot, "elb-bad-http")] is Status.FAIL
    assert https_only[_arn(snapshot, "elb-good-https")] is Status.PASS


def test_a_denied_listing_errors_every_check_on_classic_load_balancers(endpoint: str) -> None:
    _seeded(endpoint)
    event = "before-call.elastic-load-balancing.DescribeLoadBalancers"
    _, report = scan_with(endpoint, COLLECTORS, **{event: _denied("DescribeLoadBalancers")})
    for control_id in (HTTPS_ONLY, TLS_POLICY):
        assert set(verdicts_of(report, control_id).values()) == {Status.ERROR}, control_id


def test_the_collector_declares_the_iam_actions_it_needs() -> None:
    assert {
        "elasticloadbalancing:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancerPolicies",
    } <= set(ElbCollector.actions)
