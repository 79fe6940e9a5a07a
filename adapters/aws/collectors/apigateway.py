"""API Gateway: REST APIs, their stages, method settings and methods (with how each is
authorized), HTTP and WebSocket API stages and routes, and custom domain names with their TLS
security policies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, iam_action, make_resource
from checker.models import Resource, Unresolved

_REST_OPERATIONS = ("GetRestApis", "GetStages", "GetResources", "GetDomainNames")
_V2_OPERATIONS = ("GetApis", "GetStages", "GetRoutes", "GetDomainNames")
#: What a method's authorization is judged by; the rest of a method (its integration's URI,
#: request templates, responses) stays out of the snapshot.
_METHOD_FIELDS = ("authorizationType", "authorizerId", "authorizationScopes", "apiKeyRequired")


def _arn(calls: Calls, path: str) -> str:
    return f"arn:aws:apigateway:{calls.target.region}::{path}"


class ApiGatewayCollector(Collector):
    """REST, HTTP and WebSocket APIs' stages and the custom domain names in front of them, per
    region. Domain names are one resource behind both APIs: one that the REST API lists is not
    listed again from the v2 API."""

    # Derived from the mapping the call check uses, so the declaration cannot drift from it.
    actions: ClassVar[tuple[str, ...]] = tuple(
        sorted(
            {iam_action("apigateway", operation) for operation in _REST_OPERATIONS}
            | {iam_action("apigatewayv2", operation) for operation in _V2_OPERATIONS}
        )
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "apigateway.rest_api",
        "apigateway.stage",
        "apigateway.method_settings",
        "apigateway.method",
        "apigateway.domain_name",
        "apigatewayv2.stage",
        "apigatewayv2.route",
        "apigatewayv2.domain_name",
    )

    def collect(self, calls: Calls) -> list[Resource]:
        resources = self._rest_apis(calls) + self._v2_apis(calls)
        domains, listed = self._rest_domain_names(calls)
        return resources + domains + self._v2_domain_names(calls, listed)

    def _rest_apis(self, calls: Calls) -> list[Resource]:
        apis = calls.paginate("apigateway", "GetRestApis", "items")
        if isinstance(apis, Unresolved):
            return [
                self.unlisted(calls, apis, kind)
                for kind in (
                    "apigateway.rest_api",
                    "apigateway.stage",
                    "apigateway.method_settings",
                    "apigateway.method",
                )
            ]
        resources = []
        for api in apis:
            resources.append(
                make_resource(
                    calls,
                    "apigateway.rest_api",
                    _arn(calls, f"/restapis/{api['id']}"),
                    api,
                    api.get("tags") or {},
                )
            )
            resources += self._rest_methods(calls, api)
            answer = calls.call("apigateway", "GetStages", restApiId=api["id"])
            if isinstance(answer, Unresolved):
                resources.append(self.unlisted(calls, answer, "apigateway.stage"))
                resources.append(self.unlisted(calls, answer, "apigateway.method_settings"))
                continue
            for stage in answer.get("item", []):
                resources += self._rest_stage(calls, api["id"], stage)
        return resources

    def _rest_stage(self, calls: Calls, api_id: str, stage: dict[str, Any]) -> list[Resource]:
        arn = _arn(calls, f"/restapis/{api_id}/stages/{stage['stageName']}")
        resources = [
            make_resource(
                calls, "apigateway.stage", arn, {**stage, "restApiId": api_id}, stage.get("tags")
            )
        ]
        # The engine reads lists, not maps keyed by method path: one resource per entry, as
        # aws_api_gateway_method_settings is one resource per method path in Terraform.
        for method_path, settings in (stage.get("methodSettings") or {}).items():
            resources.append(
                make_resource(
                    calls,
                    "apigateway.method_settings",
                    f"{arn}/methodsettings/{method_path}",
                    {
                        "restApiId": api_id,
                        "stageName": stage["stageName"],
                        "methodPath": method_path,
                        **settings,
                    },
                )
            )
        return resources

    def _rest_methods(self, calls: Calls, api: dict[str, Any]) -> list[Resource]:
        """Every method of a REST API, from one listing of its resources with their methods
        embedded; each carries the API's tags, as the methods have none of their own."""
        api_id = api["id"]
        tags = api.get("tags") or {}
        found = calls.paginate(
            "apigateway", "GetResources", "items", restApiId=api_id, embed=["methods"]
        )
        if isinstance(found, Unresolved):
            stand_in = self.unlisted(calls, found, "apigateway.method")
            address = _arn(calls, f"/restapis/{api_id}/resources/*")
            return [replace(stand_in, address=address, attributes={"restApiId": api_id})]
        resources = []
        for item in found:
            for http_method, method in (item.get("resourceMethods") or {}).items():
                attributes = {
                    "restApiId": api_id,
                    "resourceId": item["id"],
                    "path": item.get("path"),
                    "httpMethod": http_method,
                    **{key: method[key] for key in _METHOD_FIELDS if key in method},
                    "integrationType": (method.get("methodIntegration") or {}).get("type"),
                }
                arn = _arn(
                    calls, f"/restapis/{api_id}/resources/{item['id']}/methods/{http_method}"
                )
                resources.append(make_resource(calls, "apigateway.method", arn, attributes, tags))
        return resources

    def _v2_routes(self, calls: Calls, api: dict[str, Any]) -> list[Resource]:
        """Every route of an HTTP or WebSocket API, carrying the API's protocol and tags."""
        api_id = api["ApiId"]
        routes = calls.paginate("apigatewayv2", "GetRoutes", "Items", ApiId=api_id)
        if isinstance(routes, Unresolved):
            stand_in = self.unlisted(calls, routes, "apigatewayv2.route")
            address = _arn(calls, f"/apis/{api_id}/routes/*")
            return [replace(stand_in, address=address, attributes={"ApiId": api_id})]
        return [
            make_resource(
                calls,
                "apigatewayv2.route",
                _arn(calls, f"/apis/{api_id}/routes/{route['RouteId']}"),
                {**route, "ApiId": api_id, "ProtocolType": api.get("ProtocolType")},
                api.get("Tags") or {},
            )
            for route in routes
        ]

    def _v2_apis(self, calls: Calls) -> list[Resource]:
        apis = calls.paginate("apigatewayv2", "GetApis", "Items")
        if isinstance(apis, Unresolved):
            return [
                self.unlisted(calls, apis, "apigatewayv2.stage"),
                self.unlisted(calls, apis, "apigatewayv2.route"),
            ]
        resources = []
        for api in apis:
            resources += self._v2_routes(calls, api)
            stages = calls.paginate("apigatewayv2", "GetStages", "Items", ApiId=api["ApiId"])
            if isinstance(stages, Unresolved):
                resources.append(self.unlisted(calls, stages, "apigatewayv2.stage"))
                continue
            for stage in stages:
                arn = _arn(calls, f"/apis/{api['ApiId']}/stages/{stage['StageName']}")
                attributes = {
                    **stage,
                    "ApiId": api["ApiId"],
                    "ProtocolType": api.get("ProtocolType"),
                }
                resources.append(
                    make_resource(calls, "apigatewayv2.stage", arn, attributes, stage.get("Tags"))
                )
        return resources

    def _rest_domain_names(self, calls: Calls) -> tuple[list[Resource], set[str]]:
        domains = calls.paginate("apigateway", "GetDomainNames", "items")
        if isinstance(domains, Unresolved):
            return [self.unlisted(calls, domains, "apigateway.domain_name")], set()
        resources = [
            make_resource(
                calls,
                "apigateway.domain_name",
                domain.get("domainNameArn") or _arn(calls, f"/domainnames/{domain['domainName']}"),
                domain,
                domain.get("tags") or {},
            )
            for domain in domains
        ]
        return resources, {domain["domainName"] for domain in domains}

    def _v2_domain_names(self, calls: Calls, listed: set[str]) -> list[Resource]:
        domains = calls.paginate("apigatewayv2", "GetDomainNames", "Items")
        if isinstance(domains, Unresolved):
            return [self.unlisted(calls, domains, "apigatewayv2.domain_name")]
        return [
            make_resource(
                calls,
                "apigatewayv2.domain_name",
                domain.get("DomainNameArn") or _arn(calls, f"/domainnames/{domain['DomainName']}"),
                domain,
                domain.get("Tags") or {},
            )
            for domain in domains
            if domain["DomainName"] not in listed
        ]
