"""Cognito: user pools (the sign-in of an application's own users) with their password policy,
MFA setting and threat protection.

`cognito.user_pool` carries DescribeUserPool's `UserPool` fields, among them
`Policies.PasswordPolicy` (`MinimumLength`, `RequireNumbers`, `RequireLowercase`,
`RequireUppercase`, `RequireSymbols`), `MfaConfiguration` (`OFF`, `ON`, `OPTIONAL`) and
`UserPoolAddOns.AdvancedSecurityMode` (`OFF`, `AUDIT`, `ENFORCED`; absent when never set); its
tags are the pool's `UserPoolTags`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: The most pools ListUserPools returns per page.
_PAGE = 60


class CognitoCollector(Collector):
    """Every Cognito user pool, per region, with its password policy and MFA setting."""

    actions: ClassVar[tuple[str, ...]] = (
        "cognito-idp:ListUserPools",
        "cognito-idp:DescribeUserPool",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("cognito.user_pool",)

    def collect(self, calls: Calls) -> list[Resource]:
        pools = calls.paginate("cognito-idp", "ListUserPools", "UserPools", MaxResults=_PAGE)
        if isinstance(pools, Unresolved):
            return [self.unlisted(calls, pools, "cognito.user_pool")]
        return [self._pool(calls, pool) for pool in pools]

    def _pool(self, calls: Calls, listed: dict[str, Any]) -> Resource:
        """One pool as DescribeUserPool shows it; what it could not show is `Unresolved`."""
        target = calls.target
        pool_id = listed["Id"]
        arn = f"arn:aws:cognito-idp:{target.region}:{target.account}:userpool/{pool_id}"
        described = calls.call("cognito-idp", "DescribeUserPool", UserPoolId=pool_id)
        if isinstance(described, Unresolved):
            attributes: dict[str, Any] = {
                "Id": pool_id,
                "Name": listed.get("Name"),
                "Policies": described,
                "MfaConfiguration": described,
            }
            return make_resource(calls, "cognito.user_pool", arn, attributes, described)
        pool = dict(described.get("UserPool") or {})
        tags = pool.pop("UserPoolTags", None) or {}
        return make_resource(calls, "cognito.user_pool", pool.get("Arn") or arn, pool, tags)
