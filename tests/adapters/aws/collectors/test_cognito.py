"""The Cognito collector's user pools against moto's server, judged by the password policy
control and the MFA or adaptive authentication control."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.aws.collectors.cognito import CognitoCollector
from checker.models import Status
from tests.adapters.aws.conftest import (
    REGIONS,
    client_for,
    denied,
    reset,
    scan_with,
    verdicts_of,
)

COLLECTORS = [CognitoCollector()]
CONTROL = "pci-8.3.6-cognito-password-policy"
SECOND_FACTOR = "pci-8.3.10.1-cognito-mfa-or-adaptive-authentication"
ACCOUNT = "123456789012"


def password_policy(length: int, *, numbers: bool = True, lower: bool = True) -> dict[str, Any]:
    """A pool's password policy with uppercase letters and symbols not required."""
    return {
        "PasswordPolicy": {
            "MinimumLength": length,
            "RequireNumbers": numbers,
            "RequireLowercase": lower,
            "RequireUppercase": False,
            "RequireSymbols": False,
        }
    }


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant user pools in one region."""
    cognito = client("cognito-idp")
    cognito.create_user_pool(
        PoolName="merchants-good",
        Policies=password_policy(12),
        MfaConfiguration="OFF",
        UserPoolTags={"DataClassification": "cardholder"},
    )
    # Cognito's default policy: eight characters.
    cognito.create_user_pool(PoolName="defaults-bad")
    cognito.create_user_pool(PoolName="letters-bad", Policies=password_policy(16, numbers=False))


def pool_arns(client: Callable[[str], Any]) -> dict[str, str]:
    """Each seeded pool's ARN by its name."""
    cognito = client("cognito-idp")
    return {
        pool["Name"]: f"arn:aws:cognito-idp:{REGIONS[0]}:{ACCOUNT}:userpool/{pool['Id']}"
        for pool in cognito.list_user_pools(MaxResults=60)["UserPools"]
    }


def test_pools_are_judged_by_length_numbers_and_letters(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    pools = pool_arns(client)
    snapshot, report = scan_with(endpoint, COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {
        pools["merchants-good"]: Status.PASS,
        pools["defaults-bad"]: Status.FAIL,
        pools["letters-bad"]: Status.FAIL,
    }
    (good,) = [r for r in snapshot.resources if r.address == pools["merchants-good"]]
    assert good.type == "cognito.user_pool"
    assert good.tags == {"DataClassification": "cardholder"}
    assert good.attributes["MfaConfiguration"] == "OFF"
    (defaults,) = [r for r in snapshot.resources if r.address == pools["defaults-bad"]]
    assert defaults.attributes["Policies"]["PasswordPolicy"]["MinimumLength"] == 8


def test_an_unreadable_pool_is_an_error_naming_the_action(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    pools = pool_arns(client)
    hooks = {"before-call.cognito-identity-provider.DescribeUserPool": denied("DescribeUserPool")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert verdicts_of(report, CONTROL) == dict.fromkeys(pools.values(), Status.ERROR)
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    assert all("cognito-idp:DescribeUserPool" in f.message for f in result.findings)


def test_pools_that_cannot_be_listed_are_an_error(endpoint: str) -> None:
    reset(endpoint)
    seed(client_for(endpoint))
    hooks = {"before-call.cognito-identity-provider.ListUserPools": denied("ListUserPools")}
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    stand_in = f"{ACCOUNT}/{REGIONS[0]}/cognito.user_pool/*"
    assert verdicts_of(report, CONTROL) == {stand_in: Status.ERROR}


def test_pools_pass_with_mfa_required_or_threat_protection_enforced(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    cognito = client("cognito-idp")
    cognito.create_user_pool(PoolName="mfa-good", MfaConfiguration="ON")
    cognito.create_user_pool(
        PoolName="enforced-good",
        MfaConfiguration="OPTIONAL",
        UserPoolAddOns={"AdvancedSecurityMode": "ENFORCED"},
    )
    cognito.create_user_pool(PoolName="defaults-bad")
    cognito.create_user_pool(PoolName="optional-bad", MfaConfiguration="OPTIONAL")
    cognito.create_user_pool(PoolName="audit-bad", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})
    pools = pool_arns(client)
    _, report = scan_with(endpoint, COLLECTORS)
    assert verdicts_of(report, SECOND_FACTOR) == {
        pools["mfa-good"]: Status.PASS,
        pools["enforced-good"]: Status.PASS,
        pools["defaults-bad"]: Status.FAIL,
        pools["optional-bad"]: Status.FAIL,
        pools["audit-bad"]: Status.FAIL,
    }
