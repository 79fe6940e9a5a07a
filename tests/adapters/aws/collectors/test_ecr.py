"""The ECR collector against moto's server, and the control that judges image scanning and tag
immutability by each repository's own setting and its region's registry scanning rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.ecr import EcrCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [EcrCollector()]
CONTROL = "pci-6.3.1-ecr-image-scanning"


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant ECR repositories in one region (the registry keeps its
    default scanning configuration: basic, no rules)."""
    ecr = client("ecr")
    ecr.create_repository(
        repositoryName="payments-good",
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
        tags=[{"Key": "DataClassification", "Value": "cardholder"}],
    )
    ecr.create_repository(repositoryName="payments-bad")
    ecr.create_repository(
        repositoryName="payments-mutable-bad",
        imageTagMutability="MUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
    )


def _arn(name: str, region: str = REGIONS[0]) -> str:
    return f"arn:aws:ecr:{region}:123456789012:repository/{name}"


def test_repositories_are_judged_by_scan_on_push_and_tag_mutability(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        _arn("payments-good"): Status.PASS,
        _arn("payments-bad"): Status.FAIL,
        _arn("payments-mutable-bad"): Status.FAIL,
    }
    good = next(r for r in snapshot.resources if r.address == _arn("payments-good"))
    assert good.tags == {"DataClassification": "cardholder"}
    (registry,) = [r for r in snapshot.resources if r.type == "ecr.registry_scanning"]
    assert registry.attributes["scanningConfiguration"] == {"scanType": "BASIC", "rules": []}


def test_a_registry_rule_for_every_repository_scans_them_all(endpoint: str) -> None:
    reset(endpoint)
    ecr = client_for(endpoint)("ecr")
    ecr.put_registry_scanning_configuration(
        scanType="ENHANCED",
        rules=[
            {
                "scanFrequency": "CONTINUOUS_SCAN",
                "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}],
            }
        ],
    )
    ecr.create_repository(repositoryName="covered-good", imageTagMutability="IMMUTABLE")
    ecr.create_repository(repositoryName="covered-mutable-bad")
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, CONTROL) == {
        _arn("covered-good"): Status.PASS,
        _arn("covered-mutable-bad"): Status.FAIL,
    }


def test_registry_rules_for_some_repositories_override_the_repository_setting(
    endpoint: str,
) -> None:
    reset(endpoint)
    ecr = client_for(endpoint)("ecr")
    ecr.put_registry_scanning_configuration(
        scanType="BASIC",
        rules=[
            {
                "scanFrequency": "SCAN_ON_PUSH",
                "repositoryFilters": [{"filter": "sandbox-*", "filterType": "WILDCARD"}],
            }
        ],
    )
    ecr.create_repository(
        repositoryName="ledger-bad",
        imageTagMutability="IMMUTABLE",
        imageScanningConfiguration={"scanOnPush": True},
    )
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, CONTROL) == {_arn("ledger-bad"): Status.FAIL}


def test_one_regions_registry_rules_do_not_cover_another_regions_repositories(
    endpoint: str,
) -> None:
    reset(endpoint)
    other = REGIONS[1]
    client_for(endpoint, other)("ecr").put_registry_scanning_configuration(
        scanType="ENHANCED",
        rules=[
            {
                "scanFrequency": "CONTINUOUS_SCAN",
                "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}],
            }
        ],
    )
    client_for(endpoint)("ecr").create_repository(
        repositoryName="elsewhere-bad", imageTagMutability="IMMUTABLE"
    )
    client_for(endpoint, other)("ecr").create_repository(
        repositoryName="here-good", imageTagMutability="IMMUTABLE"
    )
    _, report = scan_with(endpoint, COLLECTORS, REGIONS)
    assert verdicts_of(report, CONTROL) == {
        _arn("elsewhere-bad"): Status.FAIL,
        _arn("here-good", other): Status.PASS,
    }


def _denied(**_: Any) -> None:
    from botocore.exceptions import ClientError

    response: Any = {
        "Error": {"Code": "AccessDenied", "Message": "not allowed"},
        "ResponseMetadata": {"HTTPStatusCode": 403},
    }
    raise ClientError(response, "GetRegistryScanningConfiguration")


def test_an_unreadable_registry_configuration_errors_only_what_depends_on_it(
    endpoint: str,
) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(
        endpoint, COLLECTORS, **{"before-call.ecr.GetRegistryScanningConfiguration": _denied}
    )
    statuses = verdicts_of(report, CONTROL)
    # Mutable tags fail whatever the registry says; scan on push needs the registry to count.
    assert statuses == {
        _arn("payments-good"): Status.ERROR,
        _arn("payments-bad"): Status.FAIL,
        _arn("payments-mutable-bad"): Status.FAIL,
    }
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    (finding,) = [f for f in result.findings if f.resource == _arn("payments-good")]
    assert "ecr:GetRegistryScanningConfiguration" in finding.message
    assert any(r.type == "ecr.registry_scanning" for r in snapshot.resources)
