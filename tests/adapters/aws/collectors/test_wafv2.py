"""WAFv2 web ACLs against moto: their rules and logging, regional and for CloudFront."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.wafv2 import Wafv2CloudFrontCollector, Wafv2Collector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

LOGGING = "pci-6.4.2-waf-logging"
PUBLIC_APPS = "pci-6.4.2-waf-public-apps"


def _visibility(name: str) -> dict[str, Any]:
    return {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name}


def known_bad_inputs(override: str = "None", **statement: Any) -> dict[str, Any]:
    """A rule running AWS's known-bad-inputs managed group (Log4Shell among them)."""
    return {
        "Name": "known-bad-inputs",
        "Priority": 1,
        "Statement": {
            "ManagedRuleGroupStatement": {
                "VendorName": "AWS",
                "Name": "AWSManagedRulesKnownBadInputsRuleSet",
                **statement,
            }
        },
        "OverrideAction": {override: {}},
        "VisibilityConfig": _visibility("known-bad-inputs"),
    }


def web_acl(
    client: Callable[[str], Any],
    name: str,
    *,
    rules: list[dict[str, Any]] | None = None,
    logged: bool = True,
    scope: str = "REGIONAL",
) -> str:
    """A web ACL (blocking known bad inputs unless `rules` says otherwise), logged to a
    CloudWatch Logs group unless `logged` is false; its ARN."""
    wafv2 = client("wafv2")
    summary = wafv2.create_web_acl(
        Name=name,
        Scope=scope,
        DefaultAction={"Allow": {}},
        VisibilityConfig=_visibility(name),
        Rules=[known_bad_inputs()] if rules is None else rules,
    )["Summary"]
    if logged:
        region = wafv2.meta.region_name
        account = client("sts").get_caller_identity()["Account"]
        wafv2.put_logging_configuration(
            LoggingConfiguration={
                "ResourceArn": summary["ARN"],
                "LogDestinationConfigs": [
                    f"arn:aws:logs:{region}:{account}:log-group:aws-waf-logs-{name}"
                ],
            }
        )
    arn: str = summary["ARN"]
    return arn


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant WAFv2 web ACLs in one region."""
    web_acl(client, "shield-good")
    web_acl(client, "shield-bad", rules=[], logged=False)
    web_acl(client, "counting-bad", rules=[known_bad_inputs("Count")], logged=False)
    web_acl(
        client,
        "log4j-counted-bad",
        rules=[
            known_bad_inputs(
                RuleActionOverrides=[{"Name": "Log4JRCE_BODY", "ActionToUse": {"Count": {}}}]
            )
        ],
        logged=False,
    )


def by_name(statuses: dict[str, Status], name: str) -> Status:
    (status,) = [s for arn, s in statuses.items() if f"/webacl/{name}/" in arn]
    return status


def test_regional_web_acls_are_judged_by_their_rules_and_logging(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint, REGIONS[0]))
    snapshot, report = scan_with(endpoint, [Wafv2Collector()])
    assert snapshot.errors == ()
    logging, rules = verdicts_of(report, LOGGING), verdicts_of(report, PUBLIC_APPS)
    assert by_name(logging, "shield-good") is Status.PASS
    assert by_name(rules, "shield-good") is Status.PASS
    for bad in ("shield-bad", "counting-bad", "log4j-counted-bad"):
        assert by_name(logging, bad) is Status.FAIL, bad
        assert by_name(rules, bad) is Status.FAIL, bad
    acl = next(r for r in snapshot.resources if "/shield-good/" in r.address)
    assert acl.attributes["Scope"] == "REGIONAL"
    assert acl.region == REGIONS[0]


def test_cloudfront_web_acls_are_read_in_us_east_1(endpoint: str) -> None:
    reset(endpoint)
    home = client_for(endpoint, "us-east-1")
    web_acl(home, "cdn-good", scope="CLOUDFRONT")
    web_acl(home, "cdn-bad", scope="CLOUDFRONT", rules=[], logged=False)
    snapshot, report = scan_with(endpoint, [Wafv2CloudFrontCollector(), Wafv2Collector()])
    assert snapshot.errors == ()
    logging, rules = verdicts_of(report, LOGGING), verdicts_of(report, PUBLIC_APPS)
    assert by_name(logging, "cdn-good") is Status.PASS
    assert by_name(rules, "cdn-good") is Status.PASS
    assert by_name(logging, "cdn-bad") is Status.FAIL
    assert by_name(rules, "cdn-bad") is Status.FAIL
    cdn = next(r for r in snapshot.resources if "/cdn-good/" in r.address)
    assert cdn.attributes["Scope"] == "CLOUDFRONT"
    assert cdn.region == "us-east-1"
    # The regional collector does not list them again.
    assert sum("/cdn-good/" in r.address for r in snapshot.resources) == 1


def test_a_denied_logging_read_makes_only_the_logging_check_error(endpoint: str) -> None:
    def deny(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, "GetLoggingConfiguration")

    reset(endpoint)
    seed(client_for(endpoint, REGIONS[0]))
    _, report = scan_with(
        endpoint, [Wafv2Collector()], **{"before-call.wafv2.GetLoggingConfiguration": deny}
    )
    assert set(verdicts_of(report, LOGGING).values()) == {Status.ERROR}
    assert by_name(verdicts_of(report, PUBLIC_APPS), "shield-good") is Status.PASS
    messages = [f.message for r in report.results if r.control.id == LOGGING for f in r.findings]
    assert all("wafv2:GetLoggingConfiguration" in message for message in messages)
