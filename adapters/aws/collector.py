"""The interface of an AWS collector, and the one place API calls are made and judged.

Every collector declares the IAM actions it calls; `Calls.call` refuses any other (a test
proves collectors stay read-only and within their declaration). A call that fails turns into
`Unresolved` naming the action, region and account, so exactly the checks that needed the
data become `error`; "not found" answers that mean "not configured" become absent instead.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar

from botocore import xform_name
from botocore.exceptions import BotoCoreError, ClientError
from botocore.parsers import ResponseParserError

from checker.models import Location, Resource, Unresolved
from checker.progress import advance
from checker.redaction import redact

SOURCE = "aws"
READ_ONLY_PREFIXES = ("List", "Get", "BatchGet", "Describe", "GenerateCredentialReport")
_THROTTLING = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "RequestLimitExceeded",
        "TooManyRequestsException",
        "SlowDown",
    }
)


class UndeclaredAction(Exception):
    """A collector called an action it did not declare: a bug, never a silent widening."""


@dataclass(frozen=True)
class Target:
    """Where a collector runs: an account, a region, and the boto3 session for them."""

    account: str
    region: str
    session: Any
    endpoint_url: str | None = None

    def location(self, **extra: str) -> Location:
        """A location in this account and region."""
        return Location(extra={"account": self.account, "region": self.region, **extra})


@dataclass
class CallLog:
    """Every action called, for the least-privilege check and the benchmark's counts."""

    counts: Counter[str] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: str) -> None:
        """Count one call."""
        with self.lock:
            self.counts[action] += 1


class Calls:
    """A collector's API calls in one account and region."""

    def __init__(self, collector: Collector, target: Target, log: CallLog, config: Any) -> None:
        self.collector = collector
        self.target = target
        self.log = log
        self._config = config
        self._clients: dict[str, Any] = {}

    def in_region(self, region: str) -> Calls:
        """The same collector's calls in another region of the account: a global service
        answers in one region (CloudFront and its web ACLs in us-east-1)."""
        target = Target(self.target.account, region, self.target.session, self.target.endpoint_url)
        return Calls(self.collector, target, self.log, self._config)

    def client(self, service: str) -> Any:
        """A boto3 client for a service in this target's region."""
        if service not in self._clients:
            client = self.target.session.client(
                service,
                region_name=self.target.region,
                endpoint_url=self.target.endpoint_url,
                config=self._config,
            )
            if self.target.endpoint_url and service == "s3control":
                drop_account_host_label(client, self.target.account)
            self._clients[service] = client
        return self._clients[service]

    def _record(self, service: str, action: str) -> None:
        """Count one call: for the least-privilege check, and for the progress shown."""
        self.log.record(action)
        advance("AWS calls", detail=f"{service} {self.target.region}")

    def _check(self, service: str, operation: str) -> str:
        action = iam_action(service, operation)
        if action not in self.collector.actions:
            raise UndeclaredAction(f"{type(self.collector).__name__} called undeclared {action}")
        if not operation.startswith(READ_ONLY_PREFIXES):
            raise UndeclaredAction(f"{action} is not a read-only action")
        return action

    def call(
        self, service: str, operation: str, *, absent_codes: tuple[str, ...] = (), **kwargs: Any
    ) -> Any:
        """Call an action: its response; None if the answer means "not configured";
        `Unresolved` naming the action, region and account if it failed."""
        action = self._check(service, operation)
        method = getattr(self.client(service), xform_name(operation))
        self._record(service, action)
        try:
            return method(**kwargs)
        except ClientError as exc:
            code = str(exc.response.get("Error", {}).get("Code", ""))
            if code in absent_codes:
                return None
            return self.failure(action, exc)
        except (BotoCoreError, ResponseParserError) as exc:
            return self.failure(action, exc)

    def paginate(self, service: str, operation: str, key: str, **kwargs: Any) -> Any:
        """Every item of a paged list, or `Unresolved` if any page failed."""
        action = self._check(service, operation)
        paginator = self.client(service).get_paginator(xform_name(operation))
        items: list[Any] = []
        try:
            for page in paginator.paginate(**kwargs):
                self._record(service, action)
                items.extend(page.get(key, []))
        except (ClientError, BotoCoreError, ResponseParserError) as exc:
            return self.failure(action, exc)
        return items

    def follow(self, service: str, operation: str, key: str, **kwargs: Any) -> Any:
        """Every item of a list paged by `NextToken` that botocore has no paginator for, or
        `Unresolved` if any page failed."""
        items: list[Any] = []
        token: dict[str, Any] = {}
        while True:
            page = self.call(service, operation, **kwargs, **token)
            if isinstance(page, Unresolved):
                return page
            items.extend(page.get(key) or [])
            if not page.get("NextToken"):
                return items
            token = {"NextToken": page["NextToken"]}

    def failure(self, action: str, exc: Exception) -> Unresolved:
        """What a failed call means for the checks that needed it."""
        where = f"{action} in {self.target.region} of account {self.target.account}"
        if isinstance(exc, ClientError):
            code = str(exc.response.get("Error", {}).get("Code", ""))
            status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            if code in _THROTTLING:
                return Unresolved(where, f"throttled ({code}) after the retries")
            if status == 500 or code in ("InternalError", "InternalFailure", "NotImplemented"):
                return Unresolved(where, f"the endpoint failed or does not implement it ({code})")
            message = str(exc.response.get("Error", {}).get("Message", ""))[:200]
            return Unresolved(where, f"{code}: {message}" if message else code)
        # An endpoint that does not implement an operation may answer with an HTML page, which
        # botocore cannot parse: its first line says enough.
        detail = str(exc).splitlines()[0] if str(exc) else ""
        return Unresolved(where, f"{type(exc).__name__}: {detail}")


# IAM action prefixes where they differ from boto3's service names, and the API operations
# whose IAM action has another name.
_IAM_PREFIX = {
    "elbv2": "elasticloadbalancing",
    "elb": "elasticloadbalancing",
    "emr": "elasticmapreduce",
    "stepfunctions": "states",
    "accessanalyzer": "access-analyzer",
    "efs": "elasticfilesystem",
    "s3control": "s3",
}
# Services whose IAM actions are the HTTP verbs of their management API: every read of API
# Gateway, v1 or v2, is allowed by `apigateway:GET`.
_HTTP_VERB_SERVICES = {"apigateway": "apigateway", "apigatewayv2": "apigateway"}
_IAM_ACTION = {
    ("s3", "GetObjectLockConfiguration"): "s3:GetBucketObjectLockConfiguration",
    ("s3", "ListBuckets"): "s3:ListAllMyBuckets",
    ("s3", "GetBucketEncryption"): "s3:GetEncryptionConfiguration",
    ("s3", "GetPublicAccessBlock"): "s3:GetBucketPublicAccessBlock",
    ("s3", "GetBucketLifecycleConfiguration"): "s3:GetLifecycleConfiguration",
    ("s3", "GetBucketReplication"): "s3:GetReplicationConfiguration",
    ("s3control", "GetPublicAccessBlock"): "s3:GetAccountPublicAccessBlock",
}


def iam_action(service: str, operation: str) -> str:
    """The IAM action an API operation needs."""
    if service in _HTTP_VERB_SERVICES and operation.startswith(("Get", "List", "Describe")):
        return f"{_HTTP_VERB_SERVICES[service]}:GET"
    return _IAM_ACTION.get((service, operation), f"{_IAM_PREFIX.get(service, service)}:{operation}")


class Collector(ABC):
    """Collects one kind of AWS resource, read-only."""

    #: The IAM actions the collector may call (the least-privilege policy is built from these).
    actions: ClassVar[tuple[str, ...]]
    #: The resource types it produces, as controls name them (`s3.bucket`).
    resource_types: ClassVar[tuple[str, ...]]
    #: Global services are collected once per account, from one region.
    is_global: ClassVar[bool] = False

    @abstractmethod
    def collect(self, calls: Calls) -> list[Resource]:
        """The resources of this kind in the target's account and region."""

    def unlisted(self, calls: Calls, failure: Unresolved, resource_type: str) -> Resource:
        """A stand-in when listing failed: every check on this type is `error`, naming why."""
        target = calls.target
        return Resource(
            source=SOURCE,
            type=resource_type,
            address=f"{target.account}/{target.region}/{resource_type}/*",
            attributes={},
            location=target.location(),
            namespace=target.account,
            region=target.region,
            unresolved=failure,
        )


def tags_of(items: Any, key: str = "Key", value: str = "Value") -> dict[str, str]:
    """AWS's list of {Key, Value} tags as a map."""
    if not isinstance(items, list):
        return {}
    return {str(item.get(key)): str(item.get(value)) for item in items if isinstance(item, dict)}


def make_resource(
    calls: Calls, resource_type: str, arn: str, attributes: dict[str, Any], tags: Any = None
) -> Resource:
    """A collected resource in the target's account and region, its values redacted and its
    timestamps written as ISO 8601 text."""
    target = calls.target
    return Resource(
        source=SOURCE,
        type=resource_type,
        address=arn,
        attributes=redact(_plain(attributes)),
        location=target.location(arn=arn),
        namespace=target.account,
        tags=tags if tags is not None else {},
        region=target.region,
    )


def _plain(value: Any) -> Any:
    """`value` with botocore's parsed timestamps as ISO 8601 text, so that the snapshot in
    the evidence bundle holds what was read and a replay reads the same."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def drop_account_host_label(client: Any, account: str) -> None:
    """S3 Control names the account in the host (`ACCOUNT.s3-control...`); a test endpoint on
    an address has no such host, so the label is taken off again before sending."""

    def strip(request: Any, **_: Any) -> None:
        request.url = request.url.replace(f"//{account}.", "//", 1)

    client.meta.events.register("before-send.s3-control", strip)
