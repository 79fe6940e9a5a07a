"""CloudWatch alarms on the security events in CloudTrail's log groups.

For each security event pattern, `cloudwatch.security_alarms` says whether a metric filter on a
log group that a trail delivers to matches the event AND an alarm with an action watches the
filter's metric. Filters are recognized by the event names and fields their pattern text
names (spacing, quoting and order do not matter), never by equality with one canonical text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from adapters.aws.collector import Calls, make_resource
from checker.models import Resource, Unresolved

RESOURCE_TYPE = "cloudwatch.security_alarms"
ACTIONS = ("logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms")


def _event(name: str) -> str:
    """An equality test of `eventName` with `name` (not `!=`), quoted or not."""
    return rf'\$\.eventName\s*=\s*"?{name}\b'


def _events(*names: str) -> tuple[str, ...]:
    return tuple(_event(name) for name in names)


#: Each security event, as the fragments a filter pattern must all contain to match it.
SECURITY_EVENTS: Mapping[str, tuple[str, ...]] = {
    "unauthorized_api_calls": (
        r'\$\.errorCode\s*=\s*"?\*UnauthorizedOperation',
        r'\$\.errorCode\s*=\s*"?AccessDenied\*',
    ),
    "console_signin_without_mfa": (
        _event("ConsoleLogin"),
        r'\$\.additionalEventData\.MFAUsed\s*!=\s*"?Yes',
    ),
    "root_account_usage": (r'\$\.userIdentity\.type\s*=\s*"?Root"?',),
    "iam_policy_changes": _events(
        *("DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy"),
        *("PutGroupPolicy", "PutRolePolicy", "PutUserPolicy"),
        *("CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion"),
        *("AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy"),
        *("AttachGroupPolicy", "DetachGroupPolicy"),
    ),
    "cloudtrail_changes": _events(
        "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"
    ),
    "console_authentication_failures": (
        _event("ConsoleLogin"),
        r'\$\.errorMessage\s*=\s*"?Failed authentication"?',
    ),
    "kms_key_disabled_or_deleted": _events("DisableKey", "ScheduleKeyDeletion"),
    "s3_bucket_policy_changes": _events(
        *("PutBucketAcl", "PutBucketPolicy", "DeleteBucketPolicy"),
    ),
    "config_changes": _events(
        *("StopConfigurationRecorder", "DeleteDeliveryChannel"),
        *("PutDeliveryChannel", "PutConfigurationRecorder"),
    ),
    "security_group_changes": _events(
        *("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress"),
        *("RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress"),
        *("CreateSecurityGroup", "DeleteSecurityGroup"),
    ),
    "nacl_changes": _events(
        *("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl"),
        *("DeleteNetworkAclEntry", "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"),
    ),
    "network_gateway_changes": _events(
        *("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway"),
        *("CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"),
    ),
    "route_table_changes": _events(
        *("CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation"),
        *("DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable"),
    ),
    "vpc_changes": _events(
        *("CreateVpc", "DeleteVpc", "ModifyVpcAttribute"),
        *("AcceptVpcPeeringConnection", "CreateVpcPeeringConnection"),
        *("DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"),
    ),
}
_COMPILED = {
    event: tuple(re.compile(fragment) for fragment in fragments)
    for event, fragments in SECURITY_EVENTS.items()
}


def events_matched(pattern: str) -> list[str]:
    """The security events a metric filter's pattern text matches."""
    text = " ".join(pattern.split())
    return [
        event
        for event, fragments in _COMPILED.items()
        if all(fragment.search(text) for fragment in fragments)
    ]


def log_group_of(arn: str) -> tuple[str, str] | None:
    """The region and name of the log group a trail's `CloudWatchLogsLogGroupArn` names."""
    parts = arn.split(":", 6)
    if len(parts) < 7 or parts[5] != "log-group":
        return None
    return parts[3], parts[6].removesuffix(":*")


def _metrics_of(alarm: Mapping[str, Any]) -> set[tuple[str, str]]:
    """The (namespace, metric) pairs an alarm watches, directly or in its metric math."""
    watched = set()
    if alarm.get("MetricName"):
        watched.add((str(alarm.get("Namespace")), str(alarm["MetricName"])))
    for query in alarm.get("Metrics") or []:
        metric = (query.get("MetricStat") or {}).get("Metric") or {}
        if metric.get("MetricName"):
            watched.add((str(metric.get("Namespace")), str(metric["MetricName"])))
    return watched


def _alarms_by_metric(alarms: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], list[str]]:
    """The names of the alarms that act (an alarm action, actions enabled), by metric."""
    acting: dict[tuple[str, str], list[str]] = {}
    for alarm in alarms:
        if not alarm.get("AlarmActions") or alarm.get("ActionsEnabled") is False:
            continue
        for metric in _metrics_of(alarm):
            acting.setdefault(metric, []).append(str(alarm.get("AlarmName")))
    return acting


def security_alarms(calls: Calls, log_group_arns: Sequence[str]) -> Resource:
    """The region's `cloudwatch.security_alarms`: for the log groups of the trails whose home
    is this region, which security events a metric filter matches with an acting alarm on
    its metric. One DescribeMetricFilters per log group, one DescribeAlarms per region, and
    neither when no trail delivers to CloudWatch Logs."""
    target = calls.target
    # The filters by the region of their log group (the trail's home region, in AWS), so
    # that a filter is matched to the alarms of its own region.
    filters: list[tuple[str, dict[str, Any], list[str]]] = []
    unreadable: list[Unresolved] = []
    regions: dict[str, Calls] = {}
    for arn in sorted(set(log_group_arns)):
        group = log_group_of(arn)
        if group is None:
            continue
        region, name = group
        regional = regions.setdefault(
            region, calls if region == target.region else calls.in_region(region)
        )
        found = regional.paginate(
            "logs", "DescribeMetricFilters", "metricFilters", logGroupName=name
        )
        if isinstance(found, Unresolved):
            unreadable.append(found)
            continue
        for metric_filter in found:
            events = events_matched(str(metric_filter.get("filterPattern", "")))
            filters.append((region, metric_filter, events))
    acting: dict[str, dict[tuple[str, str], list[str]]] = {}
    failed: Unresolved | None = None
    for region in sorted({region for region, _, events in filters if events}):
        alarms = regions[region].paginate("cloudwatch", "DescribeAlarms", "MetricAlarms")
        if isinstance(alarms, Unresolved):
            failed = failed or alarms
        else:
            acting[region] = _alarms_by_metric(alarms)
    coverage: dict[str, list[dict[str, Any]]] = {event: [] for event in SECURITY_EVENTS}
    for region, metric_filter, events in filters:
        for transformation in metric_filter.get("metricTransformations") or []:
            metric = (
                str(transformation.get("metricNamespace")),
                str(transformation.get("metricName")),
            )
            for event in events:
                coverage[event].append(
                    {
                        "logGroup": metric_filter.get("logGroupName"),
                        "filter": metric_filter.get("filterName"),
                        "metric": "/".join(metric),
                        "alarms": acting.get(region, {}).get(metric, []),
                    }
                )
    alarmed: dict[str, Any] = {}
    for event, found_filters in coverage.items():
        if any(entry["alarms"] for entry in found_filters):
            alarmed[event] = True
        elif found_filters and failed is not None:
            alarmed[event] = failed
        elif unreadable:
            alarmed[event] = unreadable[0]
        else:
            alarmed[event] = False
    address = f"{target.account}/{target.region}/{RESOURCE_TYPE}"
    attributes = {
        "cloudTrailLogGroups": sorted(set(log_group_arns)),
        "alarmed": alarmed,
        "coverage": coverage,
    }
    return make_resource(calls, RESOURCE_TYPE, address, attributes)
