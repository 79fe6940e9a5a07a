"""Amazon Inspector (v2): which resource types the account has Inspector scan in the region,
and whether it actually scans each EC2 instance."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class Inspector2Collector(Collector):
    """One resource per region: the account's Inspector status, overall (`state.status`) and
    per resource type (`resourceState.ec2.status`, `.ecr`, `.lambda`, `.lambdaCode`).

    An account Inspector was never enabled for in the region is reported with no resource
    state, so every per-type check fails; an account the answer lists as failed (with an
    error code) makes the checks `error`.

    Each EC2 instance Inspector knows of is an `inspector2.instance_coverage`, addressed by
    the instance's ARN and tagged with its tags, carrying ListCoverage's `scanStatus` (ACTIVE,
    or INACTIVE with the reason, such as an instance the SSM agent does not manage) and
    `scanMode` (agent-based or agentless).
    """

    actions: ClassVar[tuple[str, ...]] = (
        "inspector2:BatchGetAccountStatus",
        "inspector2:ListCoverage",
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "inspector2.account",
        "inspector2.instance_coverage",
    )

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        answer = calls.call("inspector2", "BatchGetAccountStatus", accountIds=[target.account])
        address = f"{target.account}/{target.region}/inspector2"
        attributes = {"accountId": target.account, **_status(calls, answer)}
        account = make_resource(calls, "inspector2.account", address, attributes)
        return [account, *self._instance_coverage(calls)]

    def _instance_coverage(self, calls: Calls) -> list[Resource]:
        covered = calls.paginate(
            "inspector2",
            "ListCoverage",
            "coveredResources",
            filterCriteria={
                "resourceType": [{"comparison": "EQUALS", "value": "AWS_EC2_INSTANCE"}]
            },
        )
        if isinstance(covered, Unresolved):
            return [self.unlisted(calls, covered, "inspector2.instance_coverage")]
        target = calls.target
        return [
            make_resource(
                calls,
                "inspector2.instance_coverage",
                f"arn:aws:ec2:{target.region}:{target.account}:instance/{item['resourceId']}",
                item,
                ((item.get("resourceMetadata") or {}).get("ec2") or {}).get("tags") or {},
            )
            for item in covered
        ]


def _status(calls: Calls, answer: Any) -> dict[str, Any]:
    """The account's `state` and `resourceState`, or `Unresolved` in both."""
    if isinstance(answer, Unresolved):
        return {"state": answer, "resourceState": answer}
    account = calls.target.account
    for entry in answer.get("accounts", []):
        if entry.get("accountId") == account:
            return {"state": entry.get("state"), "resourceState": entry.get("resourceState")}
    for entry in answer.get("failedAccounts", []):
        if entry.get("accountId") == account:
            where = (
                f"inspector2:BatchGetAccountStatus in {calls.target.region} of account {account}"
            )
            failed = Unresolved(where, f"{entry.get('errorCode')}: {entry.get('errorMessage')}")
            return {"state": failed, "resourceState": failed}
    # Neither enabled nor failed: Inspector has never been enabled for the account here.
    return {"state": {"status": "DISABLED"}, "resourceState": {}}
