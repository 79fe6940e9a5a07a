"""AWS Organizations: the service control policies in force on each account.

`organizations.account` is one account with `Id`, `Name`, `Organization` (DescribeOrganization's
`Id`, `MasterAccountId` and `FeatureSet`; absent when the account belongs to no organization),
`IsManagementAccount`, and `ServiceControlPolicies`: every SCP attached to the account, to an
organizational unit above it or to the root, each with `Id`, `Name`, `Target` (where it is
attached) and `Document` (its content as JSON).

Only the management account can read the policies of every account, so the scan of the
management account reports every account of the organization; the scan of a member account
reports nothing of its own (its policies are the management account's to report), and an
account outside any organization reports itself with no policy. SCPs never restrict the
management account itself, which checks leave out by `IsManagementAccount`.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

_SCP = "SERVICE_CONTROL_POLICY"


class OrganizationsCollector(Collector):
    """The service control policies in force on every account, read from the management
    account; collected once per account."""

    actions: ClassVar[tuple[str, ...]] = (
        "organizations:DescribeOrganization",
        "organizations:ListAccounts",
        "organizations:ListParents",
        "organizations:ListPoliciesForTarget",
        "organizations:DescribePolicy",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("organizations.account",)
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        account = calls.target.account
        described = calls.call(
            "organizations",
            "DescribeOrganization",
            absent_codes=("AWSOrganizationsNotInUseException",),
        )
        if isinstance(described, Unresolved):
            return [self.unlisted(calls, described, "organizations.account")]
        if described is None:
            attributes: dict[str, Any] = {
                "Id": account,
                "Organization": None,
                "IsManagementAccount": False,
                "ServiceControlPolicies": [],
            }
            address = f"arn:aws:organizations::{account}:account/{account}"
            return [make_resource(calls, "organizations.account", address, attributes)]
        organization = described["Organization"]
        if organization.get("MasterAccountId") != account:
            return []
        accounts = calls.paginate("organizations", "ListAccounts", "Accounts")
        if isinstance(accounts, Unresolved):
            return [self.unlisted(calls, accounts, "organizations.account")]
        policies = _PolicyReader(calls, all_features=organization.get("FeatureSet") == "ALL")
        summary = {key: organization.get(key) for key in ("Id", "MasterAccountId", "FeatureSet")}
        return [
            make_resource(
                calls,
                "organizations.account",
                member["Arn"],
                {
                    "Id": member["Id"],
                    "Name": member.get("Name"),
                    "Status": member.get("State") or member.get("Status"),
                    "Organization": summary,
                    "IsManagementAccount": member["Id"] == account,
                    "ServiceControlPolicies": policies.in_force(member["Id"]),
                },
            )
            for member in accounts
        ]


class _PolicyReader:
    """Reads each target's parents, attached policies and policy documents once, however many
    accounts share them."""

    def __init__(self, calls: Calls, *, all_features: bool) -> None:
        self.calls = calls
        self.all_features = all_features
        self._parents: dict[str, Any] = {}
        self._attached: dict[str, Any] = {}
        self._documents: dict[str, Any] = {}

    def in_force(self, account: str) -> Any:
        """The SCPs attached to the account and every target above it, or `Unresolved` when
        any of them could not be read. An organization without all features has no SCPs."""
        if not self.all_features:
            return []
        policies: list[dict[str, Any]] = []
        target: str | None = account
        while target is not None:
            attached = self._attached_to(target)
            if isinstance(attached, Unresolved):
                return attached
            policies.extend(attached)
            parent = self._parent_of(target)
            if isinstance(parent, Unresolved):
                return parent
            target = parent
        return policies

    def _parent_of(self, target: str) -> Any:
        """The OU or root directly above a target; None above the root."""
        if target.startswith("r-"):
            return None
        if target not in self._parents:
            parents = self.calls.paginate("organizations", "ListParents", "Parents", ChildId=target)
            self._parents[target] = parents if isinstance(parents, Unresolved) else parents[0]["Id"]
        return self._parents[target]

    def _attached_to(self, target: str) -> Any:
        if target not in self._attached:
            listed = self.calls.paginate(
                "organizations", "ListPoliciesForTarget", "Policies", TargetId=target, Filter=_SCP
            )
            if isinstance(listed, Unresolved):
                self._attached[target] = listed
            else:
                self._attached[target] = [
                    {
                        "Id": policy["Id"],
                        "Name": policy.get("Name"),
                        "Target": target,
                        "Document": self._document(policy["Id"]),
                    }
                    for policy in listed
                ]
        return self._attached[target]

    def _document(self, policy: str) -> Any:
        if policy not in self._documents:
            answer = self.calls.call("organizations", "DescribePolicy", PolicyId=policy)
            document: Any = answer
            if not isinstance(answer, Unresolved):
                content = answer["Policy"].get("Content")
                try:
                    document = json.loads(content) if isinstance(content, str) else content
                except ValueError:
                    document = content
            self._documents[policy] = document
        return self._documents[policy]
