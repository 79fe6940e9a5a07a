"""The Route 53 collector against moto's server: the address records public hosted zones
publish, judged for private addresses, their SPF and DMARC records, and each zone's query
logging."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.route53 import Route53Collector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

COLLECTORS = [Route53Collector()]
CONTROL = "pci-1.4.5-route53-no-private-addresses"
ANTI_SPOOFING = "pci-5.4.1-dns-mail-anti-spoofing"


def _records(route53: Any, zone_id: str, records: list[tuple[str, str, str]]) -> None:
    route53.change_resource_record_sets(
        HostedZoneId=zone_id,
        ChangeBatch={
            "Changes": [
                {
                    "Action": "CREATE",
                    "ResourceRecordSet": {
                        "Name": name,
                        "Type": kind,
                        "TTL": 300,
                        "ResourceRecords": [{"Value": value}],
                    },
                }
                for name, kind, value in records
            ]
        },
    )


def seed_account(endpoint: str) -> dict[str, str]:
    """Public zones that publish private addresses or only public ones, and a private zone;
    the zone ids by name."""
    client = client_for(endpoint)
    route53, ec2 = client("route53"), client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    zones: dict[str, str] = {}
    for name, private in (
        ("pay.example.com", False),
        ("v6.example.com", False),
        ("shop.example.com", False),
        ("internal.example.com", True),
    ):
        extra: dict[str, Any] = (
            {
                "VPC": {"VPCRegion": "eu-west-1", "VPCId": vpc},
                "HostedZoneConfig": {"PrivateZone": True},
            }
            if private
            else {}
        )
        zone = route53.create_hosted_zone(Name=name, CallerReference=name, **extra)
        zones[name] = zone["HostedZone"]["Id"].rsplit("/", 1)[-1]
    _records(
        route53,
        zones["pay.example.com"],
        [("www.pay.example.com", "A", "203.0.113.10"), ("db.pay.example.com", "A", "10.20.3.17")],
    )
    _records(route53, zones["v6.example.com"], [("api.v6.example.com", "AAAA", "fd12:3456::20")])
    _records(
        route53,
        zones["shop.example.com"],
        [
            ("www.shop.example.com", "A", "172.32.8.4"),
            ("api.shop.example.com", "AAAA", "2001:db8::20"),
            ("shop.example.com", "TXT", '"10.0.0.1 is only text"'),
        ],
    )
    _records(route53, zones["internal.example.com"], [("db.internal.example.com", "A", "10.0.0.5")])
    # Route 53 delivers query logs to a log group in us-east-1.
    logs = client_for(endpoint, "us-east-1")("logs")
    logs.create_log_group(logGroupName="/aws/route53/shop.example.com")
    (group,) = logs.describe_log_groups(logGroupNamePrefix="/aws/route53/")["logGroups"]
    route53.create_query_logging_config(
        HostedZoneId=zones["shop.example.com"], CloudWatchLogsLogGroupArn=group["arn"]
    )
    return zones


def _arn(zone_id: str) -> str:
    return f"arn:aws:route53:::hostedzone/{zone_id}"


def _counting(calls: list[str]) -> Callable[..., None]:
    def count(params: dict[str, Any], **_: Any) -> None:
        calls.append(str(params.get("url_path", "")))

    return count


def test_public_zones_are_judged_for_private_addresses(endpoint: str) -> None:
    reset(endpoint)
    zones = seed_account(endpoint)
    listed: list[str] = []
    hooks = {"before-call.route53.ListResourceRecordSets": _counting(listed)}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _arn(zones["pay.example.com"]): Status.FAIL,
        _arn(zones["v6.example.com"]): Status.FAIL,
        _arn(zones["shop.example.com"]): Status.PASS,
    }
    # The private zone's records are not read: only the three public zones'.
    assert len(listed) == 3
    assert not any(zones["internal.example.com"] in path for path in listed)
    by_address = {r.address: r for r in snapshot.resources}
    shop = by_address[_arn(zones["shop.example.com"])].attributes
    assert [config["HostedZoneId"] for config in shop["QueryLoggingConfigs"]] == [
        zones["shop.example.com"]
    ]
    assert {record["Type"] for record in shop["AddressRecordSets"]} == {"A", "AAAA"}
    assert by_address[_arn(zones["pay.example.com"])].attributes["QueryLoggingConfigs"] == []


def _denied(**_: Any) -> None:
    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "ListResourceRecordSets")


def test_unreadable_records_error_the_public_zones_only(endpoint: str) -> None:
    reset(endpoint)
    zones = seed_account(endpoint)
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.route53.ListResourceRecordSets": _denied}
    )
    assert verdicts_of(report, CONTROL) == {
        _arn(zones["pay.example.com"]): Status.ERROR,
        _arn(zones["v6.example.com"]): Status.ERROR,
        _arn(zones["shop.example.com"]): Status.ERROR,
    }
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("route53:ListResourceRecordSets" in f.message for f in result.findings)
    assert len([r for r in snapshot.resources if r.type == "route53.hosted_zone"]) == 4


def test_a_failed_zone_listing_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    _, report = scan_with(endpoint, COLLECTORS, **{"before-call.route53.ListHostedZones": _denied})
    assert verdicts_of(report, CONTROL) == {
        "123456789012/eu-west-1/route53.hosted_zone/*": Status.ERROR
    }


def test_organizational_domains_need_spf_and_a_dmarc_policy_that_acts(endpoint: str) -> None:
    reset(endpoint)
    route53 = client_for(endpoint)("route53")
    planted = {
        "good-example.com": [
            ("good-example.com", '"v=spf1 include:_spf.mail-provider.example" " -all"'),
            ("_dmarc.good-example.com", '"v=DMARC1; p=reject; rua=mailto:dmarc@good-example.com"'),
        ],
        "parked-good.co.uk": [
            ("parked-good.co.uk", '"v=spf1 ~all"'),
            ("_dmarc.parked-good.co.uk", '"v=DMARC1;p=quarantine"'),
        ],
        "report-only-bad.com": [
            ("report-only-bad.com", '"v=spf1 -all"'),
            ("_dmarc.report-only-bad.com", '"v=DMARC1; p=none"'),
        ],
        "open-spf-bad.com": [
            ("open-spf-bad.com", '"v=spf1 +all"'),
            ("_dmarc.open-spf-bad.com", '"v=DMARC1; p=reject"'),
        ],
        "nothing-bad.com": [],
        # A subdomain's zone falls under its organizational domain's policy.
        "api.good-example.com": [],
    }
    zones = {}
    for name, records in planted.items():
        zone = route53.create_hosted_zone(Name=name, CallerReference=name)
        zones[name] = zone["HostedZone"]["Id"].rsplit("/", 1)[-1]
        if records:
            _records(route53, zones[name], [(n, "TXT", value) for n, value in records])
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, ANTI_SPOOFING) == {
        _arn(zones["good-example.com"]): Status.PASS,
        _arn(zones["parked-good.co.uk"]): Status.PASS,
        _arn(zones["report-only-bad.com"]): Status.FAIL,
        _arn(zones["open-spf-bad.com"]): Status.FAIL,
        _arn(zones["nothing-bad.com"]): Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == _arn(zones["good-example.com"]))
    (dmarc,) = good.attributes["DmarcRecordSets"]
    assert dmarc["Name"] == "_dmarc.good-example.com."
