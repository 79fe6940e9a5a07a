"""The Athena collector against moto's server, and the control that judges whether a workgroup
enforces KMS encryption of its query results."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.athena import AthenaCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, client_for, reset, scan_with, verdicts_of

COLLECTORS = [AthenaCollector()]
CONTROL = "pci-3.5.1-athena-query-results-encrypted"
KEY = "arn:aws:kms:eu-west-1:123456789012:key/11111111-2222-3333-4444-555555555555"


def _result(option: str | None) -> dict[str, Any]:
    encryption = {"EncryptionOption": option, "KmsKey": KEY} if option else None
    configuration: dict[str, Any] = {"OutputLocation": "s3://query-results/athena/"}
    if encryption:
        configuration["EncryptionConfiguration"] = encryption
    return configuration


def seed(client: Callable[[str], Any]) -> None:
    """Workgroups that enforce KMS encryption, that encrypt with S3 keys or not at all, and
    one that encrypts but lets clients override it."""
    athena = client("athena")
    for name, option, enforce in (
        ("analytics-good", "SSE_KMS", True),
        ("analytics-cse-good", "CSE_KMS", True),
        ("analytics-sse-s3-bad", "SSE_S3", True),
        ("analytics-plain-bad", None, True),
        ("analytics-override-bad", "SSE_KMS", False),
    ):
        athena.create_work_group(
            Name=name,
            Configuration={
                "ResultConfiguration": _result(option),
                "EnforceWorkGroupConfiguration": enforce,
            },
        )


def _arn(name: str, region: str = REGIONS[0]) -> str:
    return f"arn:aws:athena:{region}:123456789012:workgroup/{name}"


SEEDED = {
    _arn("analytics-good"): Status.PASS,
    _arn("analytics-cse-good"): Status.PASS,
    _arn("analytics-sse-s3-bad"): Status.FAIL,
    _arn("analytics-plain-bad"): Status.FAIL,
    _arn("analytics-override-bad"): Status.FAIL,
}


def test_workgroups_are_judged_by_enforced_kms_encryption(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    statuses = verdicts_of(report, CONTROL)
    # moto, like AWS, has a "primary" workgroup in every region, with no encryption.
    statuses.pop(_arn("primary"), None)
    assert statuses == SEEDED
    good = next(r for r in snapshot.resources if r.address == _arn("analytics-good"))
    encryption = good.attributes["Configuration"]["ResultConfiguration"]["EncryptionConfiguration"]
    assert encryption["EncryptionOption"] == "SSE_KMS"


def _denied(operation: str) -> Callable[..., None]:
    def deny(**_: Any) -> None:
        from botocore.exceptions import ClientError

        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 403},
        }
        raise ClientError(response, operation)

    return deny


def test_an_unreadable_workgroup_is_an_error_not_a_pass(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"before-call.athena.GetWorkGroup": _denied("GetWorkGroup")}
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    statuses = verdicts_of(report, CONTROL)
    assert set(SEEDED) <= set(statuses)
    assert all(status == Status.ERROR for status in statuses.values())
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("athena:GetWorkGroup" in f.message for f in result.findings)
    assert {r.address for r in snapshot.resources} >= set(SEEDED)


def test_an_unlisted_region_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"before-call.athena.ListWorkGroups": _denied("ListWorkGroups")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, CONTROL) == {
        f"123456789012/{REGIONS[0]}/athena.workgroup/*": Status.ERROR
    }
