"""IAM: the account password policy, the account summary (root MFA and keys), users from the
credential report, customer-managed policies, and what roles, users and groups are granted.

Resource types:

- `iam.policy`: a customer-managed policy (`ListPolicies` with Scope Local), with the
  `Document` of its default version.
- `iam.inline_policy`: a policy embedded in a role, user or group, addressed
  `<principal ARN>/inline-policy/<name>`, with `Owner`, `PolicyName` and `Document`.
- `iam.policy_attachment`: one managed policy attached to a role, user or group
  (`ListAttached{Role,User,Group}Policies`), addressed `<principal ARN>/attached-policy/<name>`,
  with `Principal` (the principal's ARN), `PrincipalType` (`Role`, `User` or `Group`),
  `PrincipalName`, `PolicyName` and `PolicyArn`. AWS-managed policies
  (`arn:aws:iam::aws:policy/...`) carry no document here: a check judges them by their ARN,
  so that a principal with AdministratorAccess attached fails. One resource per attachment,
  like the inline policies, gives each grant its own verdict and lets the address name both
  the principal and the policy; a principal with nothing attached has nothing to judge. When
  a principal's attachments cannot be listed, a stand-in addressed
  `<principal ARN>/attached-policies` makes the checks on this type `error`.
"""

from __future__ import annotations

import base64
import csv
import io
import time
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, ClassVar
from urllib.parse import unquote

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

_REPORT_ATTEMPTS = 10


def _age_days(stamp: str, now: datetime) -> int | None:
    if not stamp or stamp in ("N/A", "no_information", "not_supported"):
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (now - moment).days


class IamCollector(Collector):
    """Account-wide IAM settings and identities; collected once per account."""

    actions: ClassVar[tuple[str, ...]] = (
        "iam:GetAccountPasswordPolicy",
        "iam:GetAccountSummary",
        "iam:GenerateCredentialReport",
        "iam:GetCredentialReport",
        "iam:ListPolicies",
        "iam:GetPolicyVersion",
        "iam:ListRoles",
        "iam:ListRolePolicies",
        "iam:GetRolePolicy",
        "iam:ListUsers",
        "iam:ListUserPolicies",
        "iam:GetUserPolicy",
        "iam:ListGroups",
        "iam:ListGroupPolicies",
        "iam:GetGroupPolicy",
        "iam:ListAttachedRolePolicies",
        "iam:ListAttachedUserPolicies",
        "iam:ListAttachedGroupPolicies",
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "iam.password_policy",
        "iam.account_summary",
        "iam.user",
        "iam.policy",
        "iam.inline_policy",
        "iam.policy_attachment",
    )
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        account = calls.target.account
        resources = []
        policy = calls.call("iam", "GetAccountPasswordPolicy", absent_codes=("NoSuchEntity",))
        policy_value = (
            policy
            if policy is None or isinstance(policy, Unresolved)
            else policy.get("PasswordPolicy")
        )
        resources.append(
            make_resource(
                calls,
                "iam.password_policy",
                f"arn:aws:iam::{account}:account-password-policy",
                {"PasswordPolicy": policy_value},
            )
        )
        summary = calls.call("iam", "GetAccountSummary")
        resources.append(
            make_resource(
                calls,
                "iam.account_summary",
                f"arn:aws:iam::{account}:root",
                {
                    "SummaryMap": summary
                    if isinstance(summary, Unresolved)
                    else summary["SummaryMap"]
                },
            )
        )
        resources += self._users(calls)
        policies = calls.paginate("iam", "ListPolicies", "Policies", Scope="Local")
        if isinstance(policies, Unresolved):
            resources.append(self.unlisted(calls, policies, "iam.policy"))
        else:
            for item in policies:
                version = calls.call(
                    "iam",
                    "GetPolicyVersion",
                    PolicyArn=item["Arn"],
                    VersionId=item["DefaultVersionId"],
                )
                document: Any = version
                if isinstance(version, dict):
                    document = version["PolicyVersion"]["Document"]
                    if isinstance(document, str):
                        document = unquote(document)
                resources.append(
                    make_resource(calls, "iam.policy", item["Arn"], {**item, "Document": document})
                )
        for kind in ("Role", "User", "Group"):
            owners = calls.paginate("iam", f"List{kind}s", f"{kind}s")
            if isinstance(owners, Unresolved):
                resources.append(self.unlisted(calls, owners, "iam.inline_policy"))
                resources.append(self.unlisted(calls, owners, "iam.policy_attachment"))
                continue
            for owner in owners:
                resources += self._inline_policies(calls, kind, owner)
                resources += self._attached_policies(calls, kind, owner)
        return resources

    def _inline_policies(self, calls: Calls, kind: str, owner: dict[str, Any]) -> list[Resource]:
        """Policies embedded in one role, user or group, which ListPolicies does not show."""
        name = owner[f"{kind}Name"]
        names = calls.paginate("iam", f"List{kind}Policies", "PolicyNames", **{f"{kind}Name": name})
        if isinstance(names, Unresolved):
            return [self.unlisted(calls, names, "iam.inline_policy")]
        resources = []
        for policy in names:
            answer = calls.call(
                "iam", f"Get{kind}Policy", PolicyName=policy, **{f"{kind}Name": name}
            )
            document: Any = answer
            if isinstance(answer, dict):
                document = answer["PolicyDocument"]
                if isinstance(document, str):
                    document = unquote(document)
            resources.append(
                make_resource(
                    calls,
                    "iam.inline_policy",
                    f"{owner['Arn']}/inline-policy/{policy}",
                    {"Owner": owner["Arn"], "PolicyName": policy, "Document": document},
                )
            )
        return resources

    def _attached_policies(self, calls: Calls, kind: str, owner: dict[str, Any]) -> list[Resource]:
        """The managed policies attached to one role, user or group, one resource each."""
        name, arn = owner[f"{kind}Name"], owner["Arn"]
        attached = calls.paginate(
            "iam", f"ListAttached{kind}Policies", "AttachedPolicies", **{f"{kind}Name": name}
        )
        if isinstance(attached, Unresolved):
            return [
                replace(
                    self.unlisted(calls, attached, "iam.policy_attachment"),
                    address=f"{arn}/attached-policies",
                )
            ]
        return [
            make_resource(
                calls,
                "iam.policy_attachment",
                f"{arn}/attached-policy/{policy['PolicyName']}",
                {
                    "Principal": arn,
                    "PrincipalType": kind,
                    "PrincipalName": name,
                    "PolicyName": policy["PolicyName"],
                    "PolicyArn": policy["PolicyArn"],
                },
            )
            for policy in attached
        ]

    def _users(self, calls: Calls) -> list[Resource]:
        report: Any = None
        for _ in range(_REPORT_ATTEMPTS):
            generated = calls.call("iam", "GenerateCredentialReport")
            if isinstance(generated, Unresolved):
                return [self.unlisted(calls, generated, "iam.user")]
            if generated.get("State") == "COMPLETE":
                break
            time.sleep(0.5)
        report = calls.call("iam", "GetCredentialReport")
        if isinstance(report, Unresolved):
            return [self.unlisted(calls, report, "iam.user")]
        content = report["Content"]
        text = (
            content.decode() if isinstance(content, bytes) else base64.b64decode(content).decode()
        )
        now = datetime.now(UTC)
        users = []
        for row in csv.DictReader(io.StringIO(text)):
            if row.get("user") == "<root_account>":
                continue
            attributes: dict[str, Any] = dict(row)
            for number in ("1", "2"):
                attributes[f"access_key_{number}_age_days"] = _age_days(
                    row.get(f"access_key_{number}_last_rotated", ""), now
                )
            attributes["password_unused_days"] = _age_days(row.get("password_last_used", ""), now)
            for number in ("1", "2"):
                last_used = row.get(f"access_key_{number}_last_used_date", "")
                attributes[f"access_key_{number}_unused_days"] = _age_days(last_used, now)
            users.append(make_resource(calls, "iam.user", row["arn"], attributes))
        return users
