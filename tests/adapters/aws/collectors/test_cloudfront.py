"""CloudFront against moto: viewer and origin TLS, access logs (standard logging and its
CloudWatch Logs deliveries) and web ACLs of distributions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.cloudfront import CloudFrontCollector
from checker.models import Snapshot, Status
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with

COLLECTORS = [CloudFrontCollector()]
TLS = "pci-4.2.1-cloudfront-tls"
LOGGING = "pci-10.2.1-edge-access-logging"
WAF = "pci-6.4.2-waf-public-apps"


def distribution(
    name: str,
    *,
    secure: bool,
    logs_bucket: str | None = None,
    web_acl: str = "",
) -> dict[str, Any]:
    """A distribution config in front of one custom origin, named by its comment."""
    return {
        "CallerReference": name,
        "Comment": name,
        "Enabled": True,
        "Origins": {
            "Quantity": 1,
            "Items": [
                {
                    "Id": "app",
                    "DomainName": f"{name}-origin.pay.example.com",
                    "CustomOriginConfig": {
                        "HTTPPort": 80,
                        "HTTPSPort": 443,
                        "OriginProtocolPolicy": "https-only" if secure else "http-only",
                        "OriginSslProtocols": (
                            {"Quantity": 1, "Items": ["TLSv1.2"]}
                            if secure
                            else {"Quantity": 2, "Items": ["TLSv1", "TLSv1.2"]}
                        ),
                    },
                }
            ],
        },
        "DefaultCacheBehavior": {
            "TargetOriginId": "app",
            "ViewerProtocolPolicy": "redirect-to-https" if secure else "allow-all",
            "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
        },
        "CacheBehaviors": {
            "Quantity": 1,
            "Items": [
                {
                    "PathPattern": "/static/*",
                    "TargetOriginId": "app",
                    "ViewerProtocolPolicy": "https-only" if secure else "allow-all",
                    "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6",
                }
            ],
        },
        "ViewerCertificate": (
            {
                "CloudFrontDefaultCertificate": False,
                "ACMCertificateArn": f"arn:aws:acm:us-east-1:111122223333:certificate/{name}",
                "SSLSupportMethod": "sni-only",
                "MinimumProtocolVersion": "TLSv1.2_2021",
            }
            if secure
            else {"CloudFrontDefaultCertificate": True}
        ),
        "Logging": {
            "Enabled": logs_bucket is not None,
            "IncludeCookies": False,
            "Bucket": f"{logs_bucket}.s3.amazonaws.com" if logs_bucket else "",
            "Prefix": f"cloudfront/{name}/" if logs_bucket else "",
        },
        "WebACLId": web_acl,
    }


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant CloudFront distributions (named by their comment, as their
    ARNs carry only a generated id)."""
    cloudfront = client("cloudfront")
    account = client("sts").get_caller_identity()["Account"]
    shield = (
        f"arn:aws:wafv2:us-east-1:{account}:global/webacl/checkout-good-shield/"
        "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
    )
    cloudfront.create_distribution(
        DistributionConfig=distribution(
            "checkout-good", secure=True, logs_bucket="pay-edge-logs", web_acl=shield
        )
    )
    cloudfront.create_distribution(DistributionConfig=distribution("checkout-bad", secure=False))


def by_comment(snapshot: Snapshot, report: Report, control_id: str) -> dict[str, Status]:
    """Each distribution's status under one control, by the comment that names it."""
    names = {
        r.address: r.attributes["DistributionConfig"]["Comment"]
        for r in snapshot.resources
        if r.type == "cloudfront.distribution" and r.unresolved is None
    }
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {names.get(f.resource, f.resource): f.status for f in result.findings}


def test_distributions_are_judged_by_tls_logging_and_web_acl(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint, REGIONS[0]))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    for control in (TLS, LOGGING, WAF):
        assert by_comment(snapshot, report, control) == {
            "checkout-good": Status.PASS,
            "checkout-bad": Status.FAIL,
        }, control
    distributions = [r for r in snapshot.resources if r.type == "cloudfront.distribution"]
    assert {r.region for r in distributions} == {"us-east-1"}
    assert all(r.address.startswith("arn:aws:cloudfront::") for r in distributions)


def test_each_weakness_alone_fails_the_tls_control(endpoint: str) -> None:
    reset(endpoint)
    cloudfront = client_for(endpoint, "us-east-1")("cloudfront")
    weakened: dict[str, Callable[[dict[str, Any]], None]] = {
        "behavior-bad": lambda c: c["CacheBehaviors"]["Items"][0].update(
            ViewerProtocolPolicy="allow-all"
        ),
        "minimum-bad": lambda c: c["ViewerCertificate"].update(MinimumProtocolVersion="TLSv1"),
        "origin-http-bad": lambda c: c["Origins"]["Items"][0]["CustomOriginConfig"].update(
            OriginProtocolPolicy="match-viewer"
        ),
        "origin-tls10-bad": lambda c: c["Origins"]["Items"][0]["CustomOriginConfig"].update(
            OriginSslProtocols={"Quantity": 2, "Items": ["TLSv1.1", "TLSv1.2"]}
        ),
    }
    for name, weaken in weakened.items():
        config = distribution(name, secure=True)
        weaken(config)
        cloudfront.create_distribution(DistributionConfig=config)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert by_comment(snapshot, report, TLS) == dict.fromkeys(weakened, Status.FAIL)


def test_access_logs_delivered_through_cloudwatch_logs_count(endpoint: str) -> None:
    reset(endpoint)
    home = client_for(endpoint, "us-east-1")
    cloudfront, logs = home("cloudfront"), home("logs")
    arns = {
        name: cloudfront.create_distribution(DistributionConfig=distribution(name, secure=True))[
            "Distribution"
        ]["ARN"]
        for name in ("delivered-good", "source-only-bad")
    }
    destination = logs.put_delivery_destination(
        name="edge-logs",
        deliveryDestinationConfiguration={"destinationResourceArn": "arn:aws:s3:::pay-edge-logs"},
    )["deliveryDestination"]["arn"]
    for name, arn in arns.items():
        logs.put_delivery_source(name=name, resourceArn=arn, logType="ACCESS_LOGS")
    logs.create_delivery(deliverySourceName="delivered-good", deliveryDestinationArn=destination)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert by_comment(snapshot, report, LOGGING) == {
        "delivered-good": Status.PASS,
        "source-only-bad": Status.FAIL,
    }


def deny(operation: str) -> Callable[..., None]:
    def handler(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDenied", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, operation)

    return handler


def test_a_denied_config_read_errors_every_distribution_check(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint, REGIONS[0]))
    hooks = {"before-call.cloudfront.GetDistributionConfig": deny("GetDistributionConfig")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    for control in (TLS, WAF):
        (result,) = [r for r in report.results if r.control.id == control]
        assert {f.status for f in result.findings} == {Status.ERROR}, control
        assert all("cloudfront:GetDistributionConfig" in f.message for f in result.findings)


def test_a_denied_delivery_listing_leaves_standard_logging_judged(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint, REGIONS[0]))
    hooks = {"before-call.cloudwatch-logs.DescribeDeliverySources": deny("DescribeDeliverySources")}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    # Standard logging decides for the good one; the bad one could log through a delivery.
    assert by_comment(snapshot, report, LOGGING) == {
        "checkout-good": Status.PASS,
        "checkout-bad": Status.ERROR,
    }
