"""The Shield collector against moto's server: with a Shield Advanced subscription, the
internet-facing load balancers its protections leave out fail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collector import Collector
from adapters.aws.collectors.elb import ElbCollector
from adapters.aws.collectors.elbv2 import Elbv2Collector
from adapters.aws.collectors.shield import ShieldCollector
from checker.models import Status
from tests.adapters.aws.collectors.test_elbv2 import create_classic
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    denied,
    reset,
    scan_with,
    verdicts_of,
)

CONTROL = "gdpr-art32-shield-advanced-protection"
COLLECTORS: list[Collector] = [ShieldCollector(), Elbv2Collector(), ElbCollector()]
ACCOUNT = "123456789012"


def classic_arn(name: str) -> str:
    """The ARN of a Classic Load Balancer of the first region."""
    return f"arn:aws:elasticloadbalancing:{REGIONS[0]}:{ACCOUNT}:loadbalancer/{name}"


def seed(client: Callable[[str], Any], *, subscribe: bool = True) -> dict[str, str]:
    """Internet-facing and internal load balancers, one of them protected; their ARNs by name."""
    ec2, elbv2, shield = client("ec2"), client("elbv2"), client("shield")
    subnets = [subnet["SubnetId"] for subnet in ec2.describe_subnets()["Subnets"][:2]]
    arns = {}
    for name, scheme in (
        ("shielded-good", "internet-facing"),
        ("unshielded-bad", "internet-facing"),
        ("shield-internal", "internal"),
    ):
        balancer = elbv2.create_load_balancer(Name=name, Subnets=subnets, Scheme=scheme)
        arns[name] = balancer["LoadBalancers"][0]["LoadBalancerArn"]
    create_classic(client("elb"), "unshielded-classic-bad")
    arns["unshielded-classic-bad"] = classic_arn("unshielded-classic-bad")
    if subscribe:
        shield.create_subscription()
    shield.create_protection(Name="checkout", ResourceArn=arns["shielded-good"])
    return arns


def test_internet_facing_load_balancers_left_unprotected_fail(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        arns["shielded-good"]: Status.PASS,
        arns["unshielded-bad"]: Status.FAIL,
        arns["unshielded-classic-bad"]: Status.FAIL,
    }
    (protection,) = [r for r in snapshot.resources if r.type == "shield.protection"]
    assert protection.attributes["ResourceArn"] == arns["shielded-good"]


def test_without_a_subscription_nothing_is_judged(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint), subscribe=False)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {}


def test_protections_that_cannot_be_listed_are_an_error(endpoint: str) -> None:
    reset(endpoint)
    arns = seed(client_for(endpoint))
    hooks = {"before-call.shield.ListProtections": denied("ListProtections")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    verdicts = verdicts_of(report, CONTROL)
    for name in ("shielded-good", "unshielded-bad", "unshielded-classic-bad"):
        assert verdicts[arns[name]] is Status.ERROR, name
