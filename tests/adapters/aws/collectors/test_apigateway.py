"""API Gateway against moto: REST, HTTP and WebSocket stages (access logs, data tracing, web
ACL) and custom domain names (TLS security policy)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.apigateway import ApiGatewayCollector
from adapters.aws.collectors.wafv2 import Wafv2Collector
from checker.models import Status
from tests.adapters.aws.collectors.test_wafv2 import web_acl
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [ApiGatewayCollector(), Wafv2Collector()]
LOGGING = "pci-10.2.1-api-gateway-access-logging"
TLS = "pci-4.2.1-api-gateway-tls"
WAF = "pci-6.4.2-waf-public-apps"


def _log_group(client: Callable[[str], Any], name: str) -> str:
    logs = client("logs")
    logs.create_log_group(logGroupName=name)
    (group,) = logs.describe_log_groups(logGroupNamePrefix=name)["logGroups"]
    arn: str = group["arn"].removesuffix(":*")
    return arn


def _rest_api(client: Callable[[str], Any], name: str, endpoint_type: str) -> tuple[str, str]:
    """A REST API with one mock method and a deployment: its id and the deployment's."""
    apigateway = client("apigateway")
    api = apigateway.create_rest_api(name=name, endpointConfiguration={"types": [endpoint_type]})
    (root,) = apigateway.get_resources(restApiId=api["id"])["items"]
    apigateway.put_method(
        restApiId=api["id"], resourceId=root["id"], httpMethod="GET", authorizationType="NONE"
    )
    apigateway.put_integration(
        restApiId=api["id"], resourceId=root["id"], httpMethod="GET", type="MOCK"
    )
    deployment = apigateway.create_deployment(restApiId=api["id"])
    return api["id"], deployment["id"]


def _rest_stage(
    client: Callable[[str], Any],
    api_id: str,
    deployment_id: str,
    name: str,
    *,
    log_group: str | None,
    data_trace: bool,
) -> str:
    apigateway = client("apigateway")
    apigateway.create_stage(restApiId=api_id, stageName=name, deploymentId=deployment_id)
    operations = [
        {"op": "replace", "path": "/*/*/logging/loglevel", "value": "INFO"},
        {"op": "replace", "path": "/*/*/metrics/enabled", "value": "true"},
        {"op": "replace", "path": "/*/*/logging/dataTrace", "value": str(data_trace).lower()},
    ]
    if log_group:
        operations.append(
            {"op": "replace", "path": "/accessLogSettings/destinationArn", "value": log_group}
        )
        operations.append(
            {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"}
        )
    apigateway.update_stage(restApiId=api_id, stageName=name, patchOperations=operations)
    region = apigateway.meta.region_name
    return f"arn:aws:apigateway:{region}::/restapis/{api_id}/stages/{name}"


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant API Gateway stages and custom domains in one region."""
    log_group = _log_group(client, "/aws/apigateway/payments-good")
    api_id, deployment_id = _rest_api(client, "payments", "REGIONAL")
    good = _rest_stage(
        client, api_id, deployment_id, "prod-good", log_group=log_group, data_trace=False
    )
    client("wafv2").associate_web_acl(
        WebACLArn=web_acl(client, "payments-good-shield"), ResourceArn=good
    )
    _rest_stage(client, api_id, deployment_id, "prod-bad", log_group=None, data_trace=True)
    # A PRIVATE API needs no web ACL: only its access logs are judged.
    private_id, private_deployment = _rest_api(client, "ledger", "PRIVATE")
    _rest_stage(
        client,
        private_id,
        private_deployment,
        "internal-good",
        log_group=log_group,
        data_trace=False,
    )
    apigatewayv2 = client("apigatewayv2")
    for protocol, name in (("HTTP", "checkout"), ("WEBSOCKET", "events")):
        api = apigatewayv2.create_api(
            Name=name, ProtocolType=protocol, RouteSelectionExpression="$request.body.action"
        )
        apigatewayv2.create_stage(
            ApiId=api["ApiId"],
            StageName=f"{name}-good",
            AccessLogSettings={"DestinationArn": log_group, "Format": "$context.requestId"},
        )
        apigatewayv2.create_stage(ApiId=api["ApiId"], StageName=f"{name}-bad")
    apigateway = client("apigateway")
    apigateway.create_domain_name(
        domainName="api-good.pay.example.com",
        regionalCertificateArn="arn:aws:acm:eu-west-1:111122223333:certificate/api",
        endpointConfiguration={"types": ["REGIONAL"]},
        securityPolicy="TLS_1_2",
    )
    apigateway.create_domain_name(
        domainName="api-bad.pay.example.com",
        regionalCertificateArn="arn:aws:acm:eu-west-1:111122223333:certificate/api",
        endpointConfiguration={"types": ["REGIONAL"]},
        securityPolicy="TLS_1_0",
    )
    for name, policy in (("checkout-good", "TLS_1_2"), ("checkout-bad", "TLS_1_0")):
        apigatewayv2.create_domain_name(
            DomainName=f"{name}.pay.example.com",
            DomainNameConfigurations=[
                {
                    "CertificateArn": "arn:aws:acm:eu-west-1:111122223333:certificate/checkout",
                    "EndpointType": "REGIONAL",
                    "SecurityPolicy": policy,
                }
            ],
        )


def only(statuses: dict[str, Status], fragment: str) -> Status:
    (status,) = [s for address, s in statuses.items() if fragment in address]
    return status


def stage(statuses: dict[str, Status], name: str) -> Status:
    (status,) = [s for address, s in statuses.items() if address.endswith(f"/stages/{name}")]
    return status


def seeded(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))


def test_stages_are_judged_by_access_logs_and_data_tracing(endpoint: str) -> None:
    seeded(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    logging = verdicts_of(report, LOGGING)
    for good in ("prod-good", "internal-good", "checkout-good", "events-good"):
        assert stage(logging, good) is Status.PASS, good
    for bad in ("prod-bad", "checkout-bad", "events-bad"):
        assert stage(logging, bad) is Status.FAIL, bad
    assert only(logging, "/stages/prod-good/methodsettings/") is Status.PASS
    assert only(logging, "/stages/prod-bad/methodsettings/") is Status.FAIL
    types = {r.type for r in snapshot.resources}
    assert {"apigateway.stage", "apigatewayv2.stage", "apigateway.method_settings"} <= types


def test_public_rest_stages_need_a_web_acl(endpoint: str) -> None:
    seeded(endpoint)
    _, report = scan_with(endpoint, COLLECTORS)
    waf = verdicts_of(report, WAF)
    assert stage(waf, "prod-good") is Status.PASS
    assert stage(waf, "prod-bad") is Status.FAIL
    # The PRIVATE API's stage and the HTTP and WebSocket stages are not judged.
    assert not [address for address in waf if "internal-good" in address]
    assert not [address for address in waf if "/apis/" in address]


def test_custom_domains_are_judged_by_security_policy(endpoint: str) -> None:
    seeded(endpoint)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    tls = verdicts_of(report, TLS)
    assert only(tls, "/domainnames/api-good.") is Status.PASS
    assert only(tls, "/domainnames/api-bad.") is Status.FAIL
    assert only(tls, "/domainnames/checkout-good.") is Status.PASS
    assert only(tls, "/domainnames/checkout-bad.") is Status.FAIL
    kinds = {r.address: r.type for r in snapshot.resources if "/domainnames/" in r.address}
    assert sorted(kinds.values()).count("apigatewayv2.domain_name") == 2


def test_a_domain_listed_by_both_apis_is_judged_once(endpoint: str) -> None:
    seeded(endpoint)
    client_for(endpoint)("apigatewayv2").create_domain_name(
        DomainName="api-good.pay.example.com",
        DomainNameConfigurations=[{"EndpointType": "REGIONAL", "SecurityPolicy": "TLS_1_2"}],
    )
    _, report = scan_with(endpoint, COLLECTORS)
    tls = verdicts_of(report, TLS)
    assert len([address for address in tls if "/domainnames/api-good." in address]) == 1


def test_a_denied_stage_listing_errors_the_stage_checks(endpoint: str) -> None:
    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "GetStages")

    seeded(endpoint)
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.api-gateway.GetStages": deny})
    logging = verdicts_of(report, LOGGING)
    # The v2 stages are listed by another call and keep their verdicts.
    assert {s for address, s in logging.items() if "/apis/" in address} == {
        Status.PASS,
        Status.FAIL,
    }
    errors = {address for address, s in logging.items() if s is Status.ERROR}
    assert {address.split("/")[2] for address in errors} == {
        "apigateway.stage",
        "apigateway.method_settings",
    }
    assert not [address for address in logging if "/restapis/" in address]
    assert only(verdicts_of(report, TLS), "/domainnames/api-good.") is Status.PASS


AUTHORIZATION = "pci-8.3.1-api-gateway-authorization"


def seed_authorization(client: Callable[[str], Any]) -> dict[str, str]:
    """REST methods and HTTP and WebSocket routes with and without authorization: the address
    fragment of each judged one, by the name its verdict is asserted under."""
    apigateway, apigatewayv2 = client("apigateway"), client("apigatewayv2")
    names: dict[str, str] = {}
    for api_name, endpoint_type, tags in (
        ("orders", "REGIONAL", {}),
        ("ledger", "PRIVATE", {}),
        ("status", "REGIONAL", {"Exposure": "public"}),
    ):
        api = apigateway.create_rest_api(
            name=api_name, endpointConfiguration={"types": [endpoint_type]}, tags=tags
        )
        (root,) = apigateway.get_resources(restApiId=api["id"])["items"]
        for method, authorization, key, integration in (
            ("POST", "AWS_IAM", False, "HTTP_PROXY"),
            ("PUT", "NONE", True, "HTTP_PROXY"),
            ("GET", "NONE", False, "HTTP_PROXY"),
            ("OPTIONS", "NONE", False, "MOCK"),
        ):
            apigateway.put_method(
                restApiId=api["id"],
                resourceId=root["id"],
                httpMethod=method,
                authorizationType=authorization,
                apiKeyRequired=key,
            )
            backend = (
                {"integrationHttpMethod": method, "uri": "https://orders.pay.example.com/"}
                if integration == "HTTP_PROXY"
                else {}
            )
            apigateway.put_integration(
                restApiId=api["id"],
                resourceId=root["id"],
                httpMethod=method,
                type=integration,
                **backend,
            )
            names[f"{api_name}-{method}"] = (
                f"/restapis/{api['id']}/resources/{root['id']}/methods/{method}"
            )
    for api_name, protocol, tags in (
        ("checkout", "HTTP", {}),
        ("health", "HTTP", {"Exposure": "public"}),
        ("events", "WEBSOCKET", {}),
    ):
        api = apigatewayv2.create_api(
            Name=api_name,
            ProtocolType=protocol,
            RouteSelectionExpression="$request.body.action",
            Tags=tags,
        )
        for route_key, authorization in (
            ("$connect" if protocol == "WEBSOCKET" else "POST /charge", "CUSTOM"),
            ("$default", "NONE"),
        ):
            extra = {"AuthorizerId": "a1b2c3"} if authorization == "CUSTOM" else {}
            route = apigatewayv2.create_route(
                ApiId=api["ApiId"], RouteKey=route_key, AuthorizationType=authorization, **extra
            )
            names[f"{api_name}-{route_key}"] = f"/apis/{api['ApiId']}/routes/{route['RouteId']}"
    return names


def test_public_methods_and_routes_need_authorization(endpoint: str) -> None:
    reset(endpoint)
    names = seed_authorization(client_for(endpoint))
    snapshot, report = scan_with(endpoint, [ApiGatewayCollector()])
    assert snapshot.errors == ()
    statuses = verdicts_of(report, AUTHORIZATION)
    judged = {
        name: only(statuses, fragment)
        for name, fragment in names.items()
        if any(address.endswith(fragment) for address in statuses)
    }
    assert judged == {
        "orders-POST": Status.PASS,
        "orders-PUT": Status.PASS,
        "orders-GET": Status.FAIL,
        "checkout-POST /charge": Status.PASS,
        "checkout-$default": Status.FAIL,
        "events-$connect": Status.PASS,
    }
    # PRIVATE and Exposure=public APIs, CORS preflight and WebSocket message routes are not
    # judged, but they are collected.
    collected = {r.address for r in snapshot.resources}
    assert all(any(a.endswith(f) for a in collected) for f in names.values())


def test_a_denied_resource_listing_errors_only_the_method_checks(endpoint: str) -> None:
    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "GetResources")

    reset(endpoint)
    names = seed_authorization(client_for(endpoint))
    _, report = scan_with(
        endpoint, [ApiGatewayCollector()], **{"before-call.api-gateway.GetResources": deny}
    )
    statuses = verdicts_of(report, AUTHORIZATION)
    errors = sorted(address for address, s in statuses.items() if s is Status.ERROR)
    # One stand-in per REST API, the PRIVATE and public ones too: their type is unknown.
    assert len(errors) == 3
    assert all(address.endswith("/resources/*") for address in errors)
    assert only(statuses, names["checkout-$default"]) is Status.FAIL
    assert only(statuses, names["events-$connect"]) is Status.PASS


def test_method_settings_that_cache_responses_must_encrypt_the_cache(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    apigateway = client("apigateway")
    api_id, deployment_id = _rest_api(client, "cards", "REGIONAL")
    caching = {"encrypted-good": "true", "clear-bad": "false"}
    for name, encrypted in caching.items():
        apigateway.create_stage(
            restApiId=api_id, stageName=name, deploymentId=deployment_id, cacheClusterEnabled=True
        )
        apigateway.update_stage(
            restApiId=api_id,
            stageName=name,
            patchOperations=[
                {"op": "replace", "path": "/*/*/caching/enabled", "value": "true"},
                {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": encrypted},
            ],
        )
    # Caching off: nothing is stored, so the setting is not judged.
    apigateway.create_stage(restApiId=api_id, stageName="uncached", deploymentId=deployment_id)
    apigateway.update_stage(
        restApiId=api_id,
        stageName="uncached",
        patchOperations=[
            {"op": "replace", "path": "/*/*/caching/enabled", "value": "false"},
            {"op": "replace", "path": "/*/*/caching/dataEncrypted", "value": "false"},
        ],
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = verdicts_of(report, "pci-3.5.1-api-gateway-cache-encrypted")
    assert only(statuses, "/stages/encrypted-good/") is Status.PASS
    assert only(statuses, "/stages/clear-bad/") is Status.FAIL
    assert not [address for address in statuses if "/stages/uncached/" in address]
