"""A moto server on loopback, and a seeded fintech account: insecure and compliant resources in
two regions of two accounts."""

from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import botocore.session
import pytest
from botocore.awsrequest import AWSResponse, HTTPHeaders
from botocore.exceptions import ClientError
from botocore.validate import ParamValidator

from adapters.aws import Account, AwsAdapter
from adapters.aws.collector import Collector
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Snapshot, Status
from checker.policy import load_controls
from checker.results import Report

REGIONS = ("eu-west-1", "eu-central-1")
SECOND_ACCOUNT_ROLE = "arn:aws:iam::222233334444:role/assaymark-audit"
#: The built-in controls, loaded once for every test that judges a scan.
CONTROLS = load_controls([builtin_policy_dir()])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def moto_server(**settings: str) -> Iterator[str]:
    """moto's server on a free loopback port, in a process of its own (in the tests' process
    it would share the interpreter lock with the collections it answers), with `settings` in
    its environment (`MOTO_...`); its URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", "from moto.server import main; main()", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **settings},
    )
    try:
        _wait_for(server, port)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="session")
def endpoint() -> Iterator[str]:
    """The moto server the tests reset and seed as they need."""
    with moto_server() as url:
        yield url


def _wait_for(server: subprocess.Popen[bytes], port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"moto's server exited with {server.returncode} before listening")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    pytest.fail(f"moto's server did not listen on 127.0.0.1:{port} within {seconds:g} s")


SessionFactory = Callable[..., Any]


def session_factory(**hooks: Callable[..., Any]) -> SessionFactory:
    """Sessions with test credentials; `hooks` maps botocore event names to handlers."""

    def make(**kwargs: Any) -> Any:
        kwargs.setdefault("aws_access_key_id", "testing")
        kwargs.setdefault("aws_secret_access_key", "testing")
        kwargs.setdefault("region_name", REGIONS[0])
        kwargs.pop("profile_name", None)
        session = boto3.Session(**kwargs)
        for event, handler in hooks.items():
            session.events.register(event, handler)
        return session

    return make


def client_for(endpoint: str, region: str = REGIONS[0]) -> Callable[[str], Any]:
    """A maker of boto3 clients, by service name, for the moto server in `region` (test
    credentials, the default account)."""
    session = session_factory()()

    def client(service: str) -> Any:
        return session.client(service, region_name=region, endpoint_url=endpoint)

    return client


def collect_with(
    endpoint: str,
    collectors: Sequence[Collector],
    regions: tuple[str, ...] = REGIONS[:1],
    /,
    **hooks: Callable[..., Any],
) -> Snapshot:
    """What the collectors find in the default account's `regions` of the moto server; `hooks`
    maps botocore event names to handlers, as `session_factory` takes them."""
    adapter = AwsAdapter(
        (Account(),),
        regions,
        endpoint,
        collectors=collectors,
        session_factory=session_factory(**hooks),
    )
    return adapter.collect()


def scan_with(
    endpoint: str,
    collectors: Sequence[Collector],
    regions: tuple[str, ...] = REGIONS[:1],
    /,
    **hooks: Callable[..., Any],
) -> tuple[Snapshot, Report]:
    """A snapshot as `collect_with` makes it, and the report of the built-in controls on it."""
    snapshot = collect_with(endpoint, collectors, regions, **hooks)
    return snapshot, evaluate(CONTROLS, [snapshot])


def findings_of(report: Report, control_id: str) -> dict[str, list[Status]]:
    """Each resource's statuses under one control, one per check that judged it, in order."""
    (result,) = [r for r in report.results if r.control.id == control_id]
    statuses: dict[str, list[Status]] = {}
    for finding in result.findings:
        statuses.setdefault(finding.resource, []).append(finding.status)
    return statuses


def verdicts_of(report: Report, control_id: str) -> dict[str, Status]:
    """Each resource's status under one control (the last finding's, where a resource has
    several)."""
    (result,) = [r for r in report.results if r.control.id == control_id]
    return {finding.resource: finding.status for finding in result.findings}


RECORDED = Path(__file__).parents[2] / "data" / "aws"


def recorded_responses(service: str, folder: str) -> dict[str, Callable[..., Any]]:
    """Hooks, as `session_factory` takes them, that answer each `service` operation with a
    file under `tests/data/aws/<folder>/` (`OperationName.json`: the parsed response of the
    real API, checked against botocore's model of its output) for services moto's server does
    not implement. A file named `OperationName.error.json` holds `{"Code", "Message",
    "HTTPStatusCode"}` and makes the call fail with that error."""
    model = botocore.session.get_session().get_service_model(service)
    validator = ParamValidator()
    hooks: dict[str, Callable[..., Any]] = {}
    for path in sorted((RECORDED / folder).glob("*.json")):
        operation, _, kind = path.name.removesuffix(".json").partition(".")
        recorded = json.loads(path.read_text("utf-8"))
        if kind == "error":
            hooks[f"before-call.{model.service_id.hyphenize()}.{operation}"] = _failing(
                operation, recorded
            )
            continue
        shape = model.operation_model(operation).output_shape
        assert shape is not None, f"{path}: {operation} has no output"
        report = validator.validate(recorded, shape)
        if report.has_errors():
            problems = report.generate_report()
            raise AssertionError(f"{path}: not the shape of {operation}: {problems}")
        hooks[f"before-call.{model.service_id.hyphenize()}.{operation}"] = _answering(recorded)
    return hooks


def _answering(recorded: dict[str, Any]) -> Callable[..., Any]:
    def answer(**_: Any) -> tuple[Any, dict[str, Any]]:
        parsed = {**copy.deepcopy(recorded), "ResponseMetadata": {"HTTPStatusCode": 200}}
        return AWSResponse("https://recorded.invalid", 200, HTTPHeaders(), None), parsed

    return answer


def denied(operation: str) -> Callable[..., Any]:
    """A hook, as `session_factory` takes them, that makes `operation` fail with
    AccessDeniedException, as a missing permission does."""
    return _failing(
        operation,
        {"Code": "AccessDeniedException", "Message": "not allowed", "HTTPStatusCode": 400},
    )


def _failing(operation: str, recorded: dict[str, Any]) -> Callable[..., Any]:
    def fail(**_: Any) -> None:
        status = int(recorded.get("HTTPStatusCode", 400))
        response: Any = {
            "Error": {"Code": recorded["Code"], "Message": recorded.get("Message", "")},
            "ResponseMetadata": {"HTTPStatusCode": status},
        }
        raise ClientError(response, operation)

    return fail


def reset(endpoint: str) -> None:
    request = urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST")
    with urllib.request.urlopen(request, timeout=10):
        pass


def tls_only_policy(bucket: str) -> str:
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": "s3:*",
                    "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        }
    )


def seed(session: Any, endpoint: str, region: str, prefix: str) -> None:
    """A compliant and an insecure copy of each resource kind in one region."""

    def client(service: str) -> Any:
        return session.client(service, region_name=region, endpoint_url=endpoint)

    s3, ec2, rds, kms, logs = (client(s) for s in ("s3", "ec2", "rds", "kms", "logs"))
    key = kms.create_key(Description="data")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    kms.create_key(Description="no rotation")
    location = {"LocationConstraint": region}
    for name in (f"{prefix}-good-{region}", f"{prefix}-bad-{region}"):
        s3.create_bucket(Bucket=name, CreateBucketConfiguration=location)
        s3.put_bucket_tagging(
            Bucket=name, Tagging={"TagSet": [{"Key": "DataClassification", "Value": "cardholder"}]}
        )
    good = f"{prefix}-good-{region}"
    s3.put_bucket_encryption(
        Bucket=good,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": key,
                    }
                }
            ]
        },
    )
    s3.put_public_access_block(
        Bucket=good,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_versioning(Bucket=good, VersioningConfiguration={"Status": "Enabled"})
    s3.put_bucket_policy(Bucket=good, Policy=tls_only_policy(good))
    s3.put_bucket_lifecycle_configuration(
        Bucket=good,
        LifecycleConfiguration={
            "Rules": [
                {
                    "ID": "retention",
                    "Status": "Enabled",
                    "Filter": {"Prefix": ""},
                    "Expiration": {"Days": 2555},
                }
            ]
        },
    )
    logs_bucket = f"{prefix}-logs-{region}"
    s3.create_bucket(Bucket=logs_bucket, CreateBucketConfiguration=location)
    s3.put_bucket_acl(Bucket=logs_bucket, ACL="log-delivery-write")
    s3.put_bucket_logging(
        Bucket=good,
        BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": logs_bucket, "TargetPrefix": "logs/"}
        },
    )
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    for name, cidr in (("db-open", "0.0.0.0/0"), ("db-private", "10.0.0.0/8")):
        group = ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(
            GroupId=group,
            IpPermissions=[
                {
                    "IpProtocol": "tcp",
                    "FromPort": 5432,
                    "ToPort": 5432,
                    "IpRanges": [{"CidrIp": "10.1.0.0/16"}, {"CidrIp": cidr}],
                }
            ],
        )
    ec2.create_volume(AvailabilityZone=f"{region}a", Size=10, Encrypted=True)
    ec2.create_volume(AvailabilityZone=f"{region}a", Size=10, Encrypted=False)
    for name, encrypted, public in (("ledger-good", True, False), ("ledger-bad", False, True)):
        rds.create_db_instance(
            DBInstanceIdentifier=f"{name}-{region}",
            Engine="postgres",
            DBInstanceClass="db.t3.micro",
            AllocatedStorage=20,
            MasterUsername="admin_user",
            MasterUserPassword="Fake-password-for-tests-1",
            StorageEncrypted=encrypted,
            PubliclyAccessible=public,
            BackupRetentionPeriod=14 if encrypted else 1,
            DeletionProtection=encrypted,
            EnableIAMDatabaseAuthentication=encrypted,
            EnableCloudwatchLogsExports=["postgresql"] if encrypted else [],
        )
    sqs, sns, secrets = (client(s) for s in ("sqs", "sns", "secretsmanager"))
    sqs.create_queue(QueueName="jobs-good", Attributes={"KmsMasterKeyId": key})
    sqs.create_queue(QueueName="jobs-bad", Attributes={"SqsManagedSseEnabled": "false"})
    sns.create_topic(Name="events-good", Attributes={"KmsMasterKeyId": key})
    sns.create_topic(Name="events-bad")
    secrets.create_secret(Name="psp-good", SecretString="fake-value", KmsKeyId=key)
    secrets.create_secret(Name="psp-bad", SecretString="fake-value")
    dynamodb = client("dynamodb")
    for table, sse in (
        ("idempotency-good", {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": key}),
        ("idempotency-bad", None),
    ):
        extra = {"SSESpecification": sse} if sse else {}
        dynamodb.create_table(
            TableName=table,
            BillingMode="PAY_PER_REQUEST",
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            **extra,
        )
    certificate = client("acm").request_certificate(DomainName="pay.example.com")["CertificateArn"]
    elbv2 = client("elbv2")
    subnets = [subnet["SubnetId"] for subnet in ec2.describe_subnets()["Subnets"][:2]]
    balancer = elbv2.create_load_balancer(Name=f"{prefix}-api", Subnets=subnets)
    balancer_arn = balancer["LoadBalancers"][0]["LoadBalancerArn"]
    group = elbv2.create_target_group(Name=f"{prefix}-api", Protocol="HTTP", Port=8080, VpcId=vpc)
    forward = [{"Type": "forward", "TargetGroupArn": group["TargetGroups"][0]["TargetGroupArn"]}]
    elbv2.create_listener(
        LoadBalancerArn=balancer_arn, Protocol="HTTP", Port=80, DefaultActions=forward
    )
    elbv2.create_listener(
        LoadBalancerArn=balancer_arn,
        Protocol="HTTPS",
        Port=443,
        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
        Certificates=[{"CertificateArn": certificate}],
        DefaultActions=forward,
    )
    ecs = client("ecs")
    for family, environment in (
        ("api-good", []),
        ("api-bad", [{"name": "DB_PASSWORD", "value": "fake-canary-value"}]),
    ):
        ecs.register_task_definition(
            family=family,
            containerDefinitions=[
                {
                    "name": "api",
                    "image": "registry.example/api:1",
                    "memory": 512,
                    "environment": [{"name": "LOG_LEVEL", "value": "info"}, *environment],
                }
            ],
        )
    logs.create_log_group(logGroupName="/audit/good", kmsKeyId=key)
    logs.put_retention_policy(logGroupName="/audit/good", retentionInDays=400)
    logs.create_log_group(logGroupName="/audit/bad")
    logs.put_retention_policy(logGroupName="/audit/bad", retentionInDays=30)


@pytest.fixture
def seeded(endpoint: str) -> str:
    """The moto server, reset and seeded in two regions of two accounts."""
    reset(endpoint)
    seed_accounts(endpoint)
    return endpoint


@pytest.fixture(scope="session")
def seeded_scan() -> Iterator[tuple[Snapshot, Report]]:
    """One collection of both seeded accounts, with no faults, and its report: for the tests
    that only read it (on a moto server of its own, which no test resets)."""
    with moto_server() as url:
        seed_accounts(url)
        accounts = (Account(), Account(role_arn=SECOND_ACCOUNT_ROLE, external_id="ext-12345"))
        snapshot = AwsAdapter(accounts, REGIONS, url, session_factory=session_factory()).collect()
        yield snapshot, evaluate(CONTROLS, [snapshot])


def seed_accounts(endpoint: str) -> None:
    """Seed two regions of the first account and one of the second."""
    first = session_factory()()
    second_credentials = first.client("sts", endpoint_url=endpoint).assume_role(
        RoleArn=SECOND_ACCOUNT_ROLE, RoleSessionName="seed", ExternalId="ext-12345"
    )["Credentials"]
    second = session_factory()(
        aws_access_key_id=second_credentials["AccessKeyId"],
        aws_secret_access_key=second_credentials["SecretAccessKey"],
        aws_session_token=second_credentials["SessionToken"],
    )
    for region in REGIONS:
        seed(first, endpoint, region, "pay")
    seed(second, endpoint, REGIONS[0], "acct2")
    iam = first.client("iam", endpoint_url=endpoint)
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )
    for role, action in (("api-good", "sqs:SendMessage"), ("api-bad", "*")):
        iam.create_role(RoleName=role, AssumeRolePolicyDocument=trust)
        iam.put_role_policy(
            RoleName=role,
            PolicyName="inline",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}],
                }
            ),
        )
    first.client("iam", endpoint_url=endpoint).update_account_password_policy(
        MinimumPasswordLength=8, RequireNumbers=False, PasswordReusePrevention=1, MaxPasswordAge=365
    )
