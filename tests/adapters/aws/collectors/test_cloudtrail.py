"""The CloudTrail collector against moto's server: trails with their event selectors, the S3
data events they record for cardholder and log buckets, and the CloudWatch alarms on the
security events in the log groups they deliver to."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.cloudtrail import CloudTrailCollector
from adapters.aws.collectors.cloudwatch import SECURITY_EVENTS, events_matched
from adapters.aws.collectors.s3 import S3Collector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

ACCOUNT = "123456789012"
COLLECTORS = [CloudTrailCollector()]
MULTI_REGION = "pci-10.2.1-cloudtrail-multi-region"
DATA_EVENTS = "pci-10.2.1.1-cloudtrail-s3-data-events"
CONTROL_ALARMS = "pci-10.7.2-cloudwatch-security-control-alarms"
EVENT_ALARMS = "pci-10.4.1.1-cloudwatch-security-event-alarms"
LOG_GROUP = "/cloudtrail/organization"

#: The CIS AWS Foundations filter patterns, written as people write them.
CIS_PATTERNS = {
    "UnauthorizedAPICalls": '{ ($.errorCode = "*UnauthorizedOperation") || '
    '($.errorCode = "AccessDenied*") }',
    "NoMFAConsoleSignin": '{ ($.eventName = "ConsoleLogin") && '
    '($.additionalEventData.MFAUsed != "Yes") }',
    "RootUsage": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && '
    '$.eventType != "AwsServiceEvent" }',
    "IAMChanges": "{"
    + "||".join(
        f"($.eventName={name})"
        for name in (
            *("DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy"),
            *("PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy"),
            *("CreatePolicyVersion", "DeletePolicyVersion", "AttachRolePolicy"),
            *("DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy"),
            *("AttachGroupPolicy", "DetachGroupPolicy"),
        )
    )
    + "}",
    "CloudTrailChanges": "{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || "
    "($.eventName = UpdateTrail) || ($.eventName = CreateTrail) || ($.eventName = StartLogging) }",
    "ConsoleSigninFailures": "{ ($.eventName = ConsoleLogin) && "
    '($.errorMessage = "Failed authentication") }',
    "DisableOrDeleteCMK": "{($.eventSource = kms.amazonaws.com) && "
    "(($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion))}",
    "S3BucketPolicyChanges": "{ ($.eventSource = s3.amazonaws.com) && "
    "(($.eventName = PutBucketAcl) || ($.eventName = PutBucketPolicy) || "
    "($.eventName = PutBucketCors) || ($.eventName = DeleteBucketPolicy)) }",
    "AWSConfigChanges": "{ ($.eventSource = config.amazonaws.com) && "
    "(($.eventName=StopConfigurationRecorder)||($.eventName=DeleteDeliveryChannel)||"
    "($.eventName=PutDeliveryChannel)||($.eventName=PutConfigurationRecorder)) }",
    **{
        name: " || ".join(f'($.eventName = "{event}")' for event in events)
        for name, events in {
            "SecurityGroupChanges": (
                *("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress"),
                *("RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress"),
                *("CreateSecurityGroup", "DeleteSecurityGroup"),
            ),
            "NACLChanges": (
                *("CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl"),
                *("DeleteNetworkAclEntry", "ReplaceNetworkAclEntry"),
                "ReplaceNetworkAclAssociation",
            ),
            "NetworkGWChanges": (
                *("CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway"),
                *("CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"),
            ),
            "RouteTableChanges": (
                *("CreateRoute", "CreateRouteTable", "ReplaceRoute"),
                *("ReplaceRouteTableAssociation", "DeleteRouteTable", "DeleteRoute"),
                "DisassociateRouteTable",
            ),
            "VPCChanges": (
                *("CreateVpc", "DeleteVpc", "ModifyVpcAttribute"),
                *("AcceptVpcPeeringConnection", "CreateVpcPeeringConnection"),
                *("DeleteVpcPeeringConnection", "RejectVpcPeeringConnection"),
            ),
        }.items()
    },
}


def _bucket(client: Callable[[str], Any], name: str, cardholder: bool = False) -> None:
    s3 = client("s3")
    s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGIONS[0]})
    if cardholder:
        tags = [{"Key": "DataClassification", "Value": "cardholder"}]
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": tags})


def _log_group_arn(name: str, region: str = REGIONS[0]) -> str:
    return f"arn:aws:logs:{region}:{ACCOUNT}:log-group:{name}:*"


def seed_trails(client: Callable[[str], Any]) -> None:
    """A compliant organization trail and two non-compliant ones, with the buckets they log."""
    _bucket(client, "pay-trail-logs")
    _bucket(client, "pay-cardholder-good", cardholder=True)
    _bucket(client, "pay-cardholder-bad", cardholder=True)
    _bucket(client, "pay-assets")
    cloudtrail = client("cloudtrail")
    cloudtrail.create_trail(
        Name="organization-good",
        S3BucketName="pay-trail-logs",
        IsMultiRegionTrail=True,
        CloudWatchLogsLogGroupArn=_log_group_arn(LOG_GROUP),
        CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/cloudtrail-logs",
    )
    cloudtrail.put_event_selectors(
        TrailName="organization-good",
        EventSelectors=[
            {
                "ReadWriteType": "All",
                "IncludeManagementEvents": True,
                "DataResources": [
                    {
                        "Type": "AWS::S3::Object",
                        "Values": [
                            "arn:aws:s3:::pay-cardholder-good/",
                            "arn:aws:s3:::pay-trail-logs/",
                            "arn:aws:s3:::pay-cardholder-bad/exports/",
                        ],
                    }
                ],
            }
        ],
    )
    # Data events only, and of the reads only: no management events, no object writes.
    cloudtrail.create_trail(
        Name="reads-bad", S3BucketName="pay-trail-logs", IsMultiRegionTrail=True
    )
    cloudtrail.put_event_selectors(
        TrailName="reads-bad",
        AdvancedEventSelectors=[
            {
                "Name": "S3 object reads",
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Data"]},
                    {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                    {"Field": "readOnly", "Equals": ["true"]},
                ],
            }
        ],
    )
    cloudtrail.put_insight_selectors(
        TrailName="organization-good",
        InsightSelectors=[
            {"InsightType": "ApiCallRateInsight"},
            {"InsightType": "ApiErrorRateInsight"},
        ],
    )
    # Call rates only: unusual error rates go unnoticed.
    cloudtrail.put_insight_selectors(
        TrailName="reads-bad", InsightSelectors=[{"InsightType": "ApiCallRateInsight"}]
    )
    # The default selectors (all management events), in this region only.
    cloudtrail.create_trail(Name="regional-bad", S3BucketName="pay-trail-logs")
    for name in ("organization-good", "reads-bad", "regional-bad"):
        cloudtrail.start_logging(Name=name)


def seed_alarms(
    client: Callable[[str], Any],
    log_group: str = LOG_GROUP,
    patterns: dict[str, str] = CIS_PATTERNS,
    silent: tuple[str, ...] = (),
) -> None:
    """A metric filter per pattern on `log_group` and an alarm on each filter's metric, alerting
    an SNS topic unless the filter is `silent` (an alarm with no action)."""
    logs, cloudwatch = client("logs"), client("cloudwatch")
    topic = client("sns").create_topic(Name="security-alerts")["TopicArn"]
    logs.create_log_group(logGroupName=log_group)
    for name, pattern in patterns.items():
        logs.put_metric_filter(
            logGroupName=log_group,
            filterName=name,
            filterPattern=pattern,
            metricTransformations=[
                {"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}
            ],
        )
        cloudwatch.put_metric_alarm(
            AlarmName=f"cis-{name}",
            MetricName=name,
            Namespace="CISBenchmark",
            Statistic="Sum",
            Period=300,
            EvaluationPeriods=1,
            Threshold=1,
            ComparisonOperator="GreaterThanOrEqualToThreshold",
            AlarmActions=[] if name in silent else [topic],
        )


def _trail(name: str, region: str = REGIONS[0]) -> str:
    return f"arn:aws:cloudtrail:{region}:{ACCOUNT}:trail/{name}"


def _alarms(region: str = REGIONS[0]) -> str:
    return f"{ACCOUNT}/{region}/cloudwatch.security_alarms"


def test_trails_are_judged_by_region_coverage_and_management_events(endpoint: str) -> None:
    reset(endpoint)
    seed_trails(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, MULTI_REGION) == {
        _trail("organization-good"): Status.PASS,
        _trail("reads-bad"): Status.FAIL,
        _trail("regional-bad"): Status.FAIL,
    }
    trails = {r.address: r.attributes for r in snapshot.resources if r.type == "cloudtrail.trail"}
    assert trails[_trail("organization-good")]["S3DataEvents"] == {
        "AllBuckets": False,
        "Buckets": ["arn:aws:s3:::pay-cardholder-good", "arn:aws:s3:::pay-trail-logs"],
    }
    assert trails[_trail("reads-bad")]["S3DataEvents"] == {"AllBuckets": False, "Buckets": []}
    assert trails[_trail("regional-bad")]["InsightSelectors"] == []
    # Insights are asked of the trails that see every region; the regional one is not judged.
    assert verdicts_of(report, "pci-10.4.1.1-cloudtrail-insights") == {
        _trail("organization-good"): Status.PASS,
        _trail("reads-bad"): Status.FAIL,
    }


def test_buckets_of_cardholder_data_and_of_the_trail_need_their_object_events_recorded(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed_trails(client_for(endpoint))
    snapshot, report = scan_with(endpoint, [*COLLECTORS, S3Collector()])
    assert snapshot.errors == ()
    # pay-assets is neither tagged nor a trail's bucket; pay-cardholder-bad is logged under one
    # prefix only, which is not the whole bucket.
    assert verdicts_of(report, DATA_EVENTS) == {
        "arn:aws:s3:::pay-trail-logs": Status.PASS,
        "arn:aws:s3:::pay-cardholder-good": Status.PASS,
        "arn:aws:s3:::pay-cardholder-bad": Status.FAIL,
    }


def test_a_trail_recording_every_buckets_objects_covers_each_bucket(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    _bucket(client, "pay-statements", cardholder=True)
    cloudtrail = client("cloudtrail")
    cloudtrail.create_trail(
        Name="all-objects", S3BucketName="pay-statements", IsMultiRegionTrail=True
    )
    cloudtrail.put_event_selectors(
        TrailName="all-objects",
        AdvancedEventSelectors=[
            {"FieldSelectors": [{"Field": "eventCategory", "Equals": ["Management"]}]},
            {
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Data"]},
                    {"Field": "resources.type", "Equals": ["AWS::S3::Object"]},
                ]
            },
        ],
    )
    _, stopped = scan_with(endpoint, [*COLLECTORS, S3Collector()])
    assert verdicts_of(stopped, DATA_EVENTS) == {"arn:aws:s3:::pay-statements": Status.FAIL}
    cloudtrail.start_logging(Name="all-objects")
    _, report = scan_with(endpoint, [*COLLECTORS, S3Collector()])
    assert verdicts_of(report, DATA_EVENTS) == {"arn:aws:s3:::pay-statements": Status.PASS}
    assert verdicts_of(report, MULTI_REGION) == {_trail("all-objects"): Status.PASS}


def test_filter_patterns_are_recognized_by_their_event_names_not_their_text() -> None:
    matched = {name: events_matched(pattern) for name, pattern in CIS_PATTERNS.items()}
    assert matched["RootUsage"] == ["root_account_usage"]
    assert matched["CloudTrailChanges"] == ["cloudtrail_changes"]
    assert matched["RouteTableChanges"] == ["route_table_changes"]
    combined = " || ".join((CIS_PATTERNS["NACLChanges"], CIS_PATTERNS["VPCChanges"]))
    assert events_matched(combined) == ["nacl_changes", "vpc_changes"]
    assert {event for events in matched.values() for event in events} == set(SECURITY_EVENTS)
    spaced = '{\n  ($.eventName="StopLogging") ||\n ($.eventName = DeleteTrail)||'
    spaced += "($.eventName=UpdateTrail)||($.eventName=CreateTrail)||($.eventName=StartLogging)}"
    assert events_matched(spaced) == ["cloudtrail_changes"]
    # A filter that excludes an event, or names a longer event, does not match it.
    assert events_matched('{ $.userIdentity.type != "Root" }') == []
    assert (
        events_matched(CIS_PATTERNS["CloudTrailChanges"].replace("= StopLogging", "!= StopLogging"))
        == []
    )
    assert "route_table_changes" not in events_matched(
        CIS_PATTERNS["RouteTableChanges"].replace('"CreateRoute"', '"CreateRouteX"')
    )


def test_acting_alarms_on_cloudtrails_log_group_cover_the_account(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed_trails(client)
    seed_alarms(client)
    snapshot, report = scan_with(endpoint, COLLECTORS, REGIONS)
    assert snapshot.errors == ()
    # The trail's home region holds the alarms; the other region is covered by them.
    for control in (CONTROL_ALARMS, EVENT_ALARMS):
        assert verdicts_of(report, control) == {
            _alarms(): Status.PASS,
            _alarms(REGIONS[1]): Status.PASS,
        }, control
    (home,) = [r for r in snapshot.resources if r.address == _alarms()]
    assert home.attributes["alarmed"] == dict.fromkeys(SECURITY_EVENTS, True)
    assert home.attributes["cloudTrailLogGroups"] == [_log_group_arn(LOG_GROUP)]


def test_silent_alarms_missing_filters_and_other_log_groups_do_not_count(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed_trails(client)
    patterns = {k: v for k, v in CIS_PATTERNS.items() if k != "RootUsage"}
    seed_alarms(client, patterns=patterns, silent=("AWSConfigChanges",))
    # A full set on an application log group that no trail delivers to.
    client("logs").create_log_group(logGroupName="/app/payments")
    client("logs").put_metric_filter(
        logGroupName="/app/payments",
        filterName="AppRootUsage",
        filterPattern=CIS_PATTERNS["RootUsage"],
        metricTransformations=[
            {"metricName": "AppRootUsage", "metricNamespace": "App", "metricValue": "1"}
        ],
    )
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL_ALARMS) == {_alarms(): Status.FAIL}
    assert verdicts_of(report, EVENT_ALARMS) == {_alarms(): Status.FAIL}
    (home,) = [r for r in snapshot.resources if r.address == _alarms()]
    alarmed = home.attributes["alarmed"]
    assert alarmed["root_account_usage"] is False
    assert alarmed["config_changes"] is False
    assert alarmed["cloudtrail_changes"] is True


def test_an_account_without_trails_delivering_to_cloudwatch_fails(endpoint: str) -> None:
    reset(endpoint)
    seed_alarms(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL_ALARMS) == {_alarms(): Status.FAIL}
    assert verdicts_of(report, EVENT_ALARMS) == {_alarms(): Status.FAIL}


def _denied(operation: str) -> Callable[..., None]:
    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDenied", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, operation)

    return deny


def _messages(report: Any, control_id: str) -> str:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return json.dumps([f.message for f in result.findings])


def test_unreadable_event_selectors_error_only_what_depends_on_them(endpoint: str) -> None:
    reset(endpoint)
    seed_trails(client_for(endpoint))
    hooks = {"before-call.cloudtrail.GetEventSelectors": _denied("GetEventSelectors")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    # A single-region trail fails whatever its selectors; the others need them.
    assert verdicts_of(report, MULTI_REGION) == {
        _trail("organization-good"): Status.ERROR,
        _trail("reads-bad"): Status.ERROR,
        _trail("regional-bad"): Status.FAIL,
    }
    assert "cloudtrail:GetEventSelectors" in _messages(report, MULTI_REGION)
    assert set(verdicts_of(report, "pci-10.2.1-cloudtrail-logging").values()) == {Status.PASS}


def test_unreadable_alarms_or_filters_error_the_alarm_controls(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed_trails(client)
    seed_alarms(client)
    for hook, operation, action in (
        ("before-call.cloudwatch.DescribeAlarms", "DescribeAlarms", "cloudwatch:DescribeAlarms"),
        (
            "before-call.cloudwatch-logs.DescribeMetricFilters",
            "DescribeMetricFilters",
            "logs:DescribeMetricFilters",
        ),
    ):
        _, report = scan_with(endpoint, COLLECTORS, **{hook: _denied(operation)})
        for control in (CONTROL_ALARMS, EVENT_ALARMS):
            assert verdicts_of(report, control) == {_alarms(): Status.ERROR}, operation
            assert action in _messages(report, control)
        assert verdicts_of(report, MULTI_REGION)[_trail("organization-good")] is Status.PASS
