"""WAFv2 web ACLs against moto: their rules and logging, regional and for CloudFront."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws import Account, AwsAdapter
from adapters.aws.collector import Collector
from adapters.aws.collectors.wafv2 import Wafv2CloudFrontCollector, Wafv2Collector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report
from tests.adapters.aws.conftest import REGIONS, reset, session_factory

CONTROLS = load_controls([builtin_policy_dir()])
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


def scan(endpoint: str, collectors: list[Collector]) -> tuple[Snapshot, Report]:
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=collectors,
        session_factory=session_factory(),
    )
    snapshot = adapter.collect()
    return snapshot, evaluate(CONTROLS, [snapshot])


def verdicts(report: Report, control_id: str) -> dict[str, Status]:
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


def by_name(statuses: dict[str, Status], name: str) -> Status:
    (status,) = [s for arn, s in statuses.items() if f"/webacl/{name}/" in arn]
    return status


def client_in(endpoint: str, region: str) -> Callable[[str], Any]:
    session = session_factory()()
    return lambda service: session.client(service, region_name=region, endpoint_url=endpoint)


def test_regional_web_acls_are_judged_by_their_rules_and_logging(endpoint: str) -> None:
    reset(endpoint)
    seed(client_in(endpoint, REGIONS[0]))
    snapshot, report = scan(endpoint, [Wafv2Collector()])
    assert snapshot.errors == ()
    logging, rules = verdicts(report, LOGGING), verdicts(report, PUBLIC_APPS)
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
    home = client_in(endpoint, "us-east-1")
    web_acl(home, "cdn-good", scope="CLOUDFRONT")
    web_acl(home, "cdn-bad", scope="CLOUDFRONT", rules=[], logged=False)
    snapshot, report = scan(endpoint, [Wafv2CloudFrontCollector(), Wafv2Collector()])
    assert snapshot.errors == ()
    logging, rules = verdicts(report, LOGGING), verdicts(report, PUBLIC_APPS)
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
    seed(client_in(endpoint, REGIONS[0]))
    adapter = AwsAdapter(
        (Account(),),
        REGIONS[:1],
        endpoint,
        collectors=[Wafv2Collector()],
        session_factory=session_factory(**{"before-call.wafv2.GetLoggingConfiguration": deny}),
    )
    report = evaluate(CONTROLS, [adapter.collect()])
    assert set(verdicts(report, LOGGING).values()) == {Status.ERROR}
    assert by_name(verdicts(report, PUBLIC_APPS), "shield-good") is Status.PASS
    messages = [f.message for r in report.results if r.control.id == LOGGING for f in r.findings]
    assert all("wafv2:GetLoggingConfiguration" in message for message in messages)
