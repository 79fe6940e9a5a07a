"""The live AWS source: every configured account and region, collected in parallel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import boto3
from botocore.config import Config

from adapters.aws.collector import SOURCE, CallLog, Calls, Collector, Target, UndeclaredAction
from adapters.aws.registry import COLLECTORS
from adapters.base import Adapter, AdapterError
from checker import __version__
from checker.models import Location, Resource, Snapshot, SourceError, Unresolved

# Calls the adapter itself makes to find out who and where it is.
BASE_ACTIONS = ("sts:GetCallerIdentity", "ec2:DescribeRegions")
# The call that lists an organization's accounts, made only in the account that lists them
# (the management account or a delegated administrator).
ORGANIZATION_ACTIONS = ("organizations:ListAccounts",)
DEFAULT_WORKERS = 8
RETRY_ATTEMPTS = 5


@dataclass(frozen=True)
class Account:
    """How to reach one account: the ambient credentials, a profile, or a role to assume."""

    profile: str | None = None
    role_arn: str | None = None
    external_id: str | None = None


@dataclass(frozen=True)
class Organization:
    """Every active account of an AWS organization, each reached by assuming the same role.

    The accounts are listed with the credentials of `profile` (or the ambient ones), which
    must be those of the management account or of a delegated administrator. Accounts in
    `exclude` are left out; the role is assumed in every other one, the lister's own included,
    so an account where it cannot be assumed is reported rather than scanned with other rights.
    """

    role_name: str
    external_id: str | None = None
    profile: str | None = None
    exclude: tuple[str, ...] = ()


def required_actions(collectors: Sequence[Collector] = COLLECTORS) -> list[str]:
    """Every IAM action a scan may call: the least-privilege policy's actions."""
    actions = set(BASE_ACTIONS) | set(ORGANIZATION_ACTIONS)
    for collector in collectors:
        actions.update(collector.actions)
    return sorted(actions)


def least_privilege_policy(collectors: Sequence[Collector] = COLLECTORS) -> dict[str, Any]:
    """The IAM policy document that allows a scan and nothing more."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "AssaymarkReadOnly",
                "Effect": "Allow",
                "Action": required_actions(collectors),
                "Resource": "*",
            }
        ],
    }


class AwsAdapter(Adapter):
    """Live AWS configuration through List, Get, BatchGet and Describe calls only."""

    source: ClassVar[str] = SOURCE
    permissions: ClassVar[tuple[str, ...]] = tuple(required_actions())

    def __init__(
        self,
        accounts: Sequence[Account] = (Account(),),
        regions: Sequence[str] = (),
        endpoint_url: str | None = None,
        *,
        workers: int = DEFAULT_WORKERS,
        retry_mode: str = "standard",
        collectors: Sequence[Collector] = COLLECTORS,
        session_factory: Callable[..., Any] = boto3.Session,
        organization: Organization | None = None,
    ) -> None:
        self.accounts = list(accounts)
        self.organization = organization
        self.regions = list(regions)
        self.endpoint_url = endpoint_url
        self.workers = workers
        self.collectors = list(collectors)
        self.session_factory = session_factory
        mode: Literal["legacy", "standard", "adaptive"] = (
            "adaptive" if retry_mode == "adaptive" else "standard"
        )
        self.config = Config(
            retries={"mode": mode, "max_attempts": RETRY_ATTEMPTS},
            connect_timeout=10,
            read_timeout=60,
            user_agent_extra=f"assaymark/{__version__}",
        )
        self.log = CallLog()
        self._left_out: list[str] = []

    def _session(self, account: Account) -> Any:
        session = (
            self.session_factory(profile_name=account.profile)
            if account.profile
            else (self.session_factory())
        )
        if account.role_arn is None:
            return session
        sts = session.client(
            "sts",
            endpoint_url=self.endpoint_url,
            config=self.config,
            region_name=session.region_name or "us-east-1",
        )
        arguments = {"RoleArn": account.role_arn, "RoleSessionName": "assaymark"}
        if account.external_id:
            arguments["ExternalId"] = account.external_id
        self.log.record("sts:AssumeRole")
        credentials = sts.assume_role(**arguments)["Credentials"]
        return self.session_factory(
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"],
            region_name=session.region_name,
        )

    def _regions(self, session: Any) -> list[str]:
        if self.regions:
            return self.regions
        home = session.region_name or "us-east-1"
        ec2 = session.client(
            "ec2", region_name=home, endpoint_url=self.endpoint_url, config=self.config
        )
        self.log.record("ec2:DescribeRegions")
        answer = ec2.describe_regions(
            Filters=[{"Name": "opt-in-status", "Values": ["opt-in-not-required", "opted-in"]}]
        )
        return sorted(region["RegionName"] for region in answer["Regions"])

    def _member_accounts(
        self, errors: list[SourceError], unreachable: list[Resource]
    ) -> tuple[list[Account], list[str]]:
        """The organization's active accounts to scan, and those it lists but leaves out
        (excluded, suspended or closed), each named with why."""
        organization = self.organization
        if organization is None:
            return [], []
        label = f"the organization listed by {organization.profile or 'the default credentials'}"
        try:
            session = (
                self.session_factory(profile_name=organization.profile)
                if organization.profile
                else self.session_factory()
            )
            client = session.client(
                "organizations",
                endpoint_url=self.endpoint_url,
                config=self.config,
                region_name=session.region_name or "us-east-1",
            )
            listed: list[dict[str, Any]] = []
            for page in client.get_paginator("list_accounts").paginate():
                self.log.record("organizations:ListAccounts")
                listed.extend(page.get("Accounts", []))
            if not listed:
                # An organization holds at least its management account.
                raise AdapterError("it lists no accounts")
        except Exception as exc:
            reason = str(exc) if isinstance(exc, AdapterError) else f"{type(exc).__name__}: {exc}"
            errors.append(
                SourceError(
                    SOURCE,
                    f"cannot list the accounts of {label}: {reason}",
                    Location(extra={"account": "organization"}),
                )
            )
            unreachable.extend(self._stand_ins("organization", reason))
            return [], []
        members: list[Account] = []
        left_out: list[str] = []
        for entry in sorted(listed, key=lambda item: str(item.get("Id"))):
            account_id = str(entry.get("Id"))
            status = str(entry.get("Status", "ACTIVE"))
            if account_id in organization.exclude:
                left_out.append(f"{account_id} (excluded)")
            elif status != "ACTIVE":
                left_out.append(f"{account_id} ({status.lower()})")
            else:
                partition = str(entry.get("Arn", "arn:aws:")).split(":")[1] or "aws"
                role = f"arn:{partition}:iam::{account_id}:role/{organization.role_name}"
                members.append(Account(organization.profile, role, organization.external_id))
        return members, left_out

    def _targets(
        self, errors: list[SourceError], unreachable: list[Resource]
    ) -> tuple[list[Target], dict[str, str]]:
        targets: list[Target] = []
        identities: dict[str, str] = {}
        members, self._left_out = self._member_accounts(errors, unreachable)
        listed_roles = {account.role_arn for account in self.accounts}
        accounts = [*self.accounts, *(m for m in members if m.role_arn not in listed_roles)]
        for account in accounts:
            label = account.role_arn or account.profile or "default credentials"
            try:
                session = self._session(account)
                sts = session.client(
                    "sts",
                    endpoint_url=self.endpoint_url,
                    config=self.config,
                    region_name=session.region_name or "us-east-1",
                )
                self.log.record("sts:GetCallerIdentity")
                identity = sts.get_caller_identity()
                regions = self._regions(session)
            except Exception as exc:
                reason = f"{type(exc).__name__}: {exc}"
                errors.append(
                    SourceError(
                        SOURCE,
                        f"cannot reach the account ({label}): {reason}",
                        Location(extra={"account": label}),
                    )
                )
                unreachable.extend(self._stand_ins(label, reason))
                continue
            identities[identity["Account"]] = identity["Arn"]
            for region in regions:
                targets.append(Target(identity["Account"], region, session, self.endpoint_url))
        return targets, identities

    def _stand_ins(self, label: str, reason: str) -> list[Resource]:
        """One stand-in per resource type for an account that could not be reached, so that
        every check on it is `error` rather than the control quietly `not_applicable`."""
        failure = Unresolved(f"the account {label}", f"could not be reached: {reason}")
        return [
            Resource(
                source=SOURCE,
                type=resource_type,
                address=f"{label}/*/{resource_type}/*",
                attributes={},
                location=Location(extra={"account": label}),
                namespace=label,
                unresolved=failure,
            )
            for collector in self.collectors
            for resource_type in collector.resource_types
        ]

    def _run(
        self, collector: Collector, target: Target
    ) -> tuple[list[Resource], SourceError | None]:
        calls = Calls(collector, target, self.log, self.config)
        try:
            return collector.collect(calls), None
        except UndeclaredAction:
            raise
        except Exception as exc:
            where = Location(extra={"account": target.account, "region": target.region})
            message = f"{type(collector).__name__} failed: {type(exc).__name__}: {exc}"
            return [], SourceError(SOURCE, message, where)

    def collect(self) -> Snapshot:
        """Collect every collector in every account and region, in parallel."""
        if not self.accounts and self.organization is None:
            raise AdapterError("no AWS account to scan")
        errors: list[SourceError] = []
        resources: list[Resource] = []
        targets, identities = self._targets(errors, resources)
        jobs: list[tuple[Collector, Target]] = []
        first_region: dict[str, Target] = {}
        for target in targets:
            first_region.setdefault(target.account, target)
        for collector in self.collectors:
            for target in targets:
                if not collector.is_global or first_region[target.account] is target:
                    jobs.append((collector, target))
        with ThreadPoolExecutor(max_workers=self.workers) as pool:
            for found, error in pool.map(lambda job: self._run(*job), jobs):
                resources.extend(found)
                if error is not None:
                    errors.append(error)
        metadata = {
            "collected_by": {"identities": identities},
            "regions": sorted({target.region for target in targets}),
            **({"organization_left_out": self._left_out} if self._left_out else {}),
            "calls": dict(sorted(self.log.counts.items())),
        }
        return Snapshot(SOURCE, tuple(resources), tuple(errors), metadata)
