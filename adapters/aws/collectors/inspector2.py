"""Amazon Inspector (v2): which resource types the account has Inspector scan in the region."""

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
    """

    actions: ClassVar[tuple[str, ...]] = ("inspector2:BatchGetAccountStatus",)
    resource_types: ClassVar[tuple[str, ...]] = ("inspector2.account",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        answer = calls.call("inspector2", "BatchGetAccountStatus", accountIds=[target.account])
        address = f"{target.account}/{target.region}/inspector2"
        attributes = {"accountId": target.account, **_status(calls, answer)}
        return [make_resource(calls, "inspector2.account", address, attributes)]


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
