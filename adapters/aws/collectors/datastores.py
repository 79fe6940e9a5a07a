"""DynamoDB tables, ElastiCache replication groups and Secrets Manager secrets."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved


class DynamoDbCollector(Collector):
    """Tables with their server-side encryption and point-in-time recovery, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "dynamodb:ListTables",
        "dynamodb:DescribeTable",
        "dynamodb:DescribeContinuousBackups",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("dynamodb.table",)

    def collect(self, calls: Calls) -> list[Resource]:
        names = calls.paginate("dynamodb", "ListTables", "TableNames")
        if isinstance(names, Unresolved):
            return [self.unlisted(calls, names, "dynamodb.table")]
        resources = []
        for name in names:
            described = calls.call("dynamodb", "DescribeTable", TableName=name)
            if isinstance(described, Unresolved):
                # Nothing about the table is known, so every check on it is `error`, not only
                # those that happen to read an attribute holding the failure.
                target = calls.target
                arn = f"arn:aws:dynamodb:{target.region}:{target.account}:table/{name}"
                table_only = make_resource(calls, "dynamodb.table", arn, {"TableName": name})
                resources.append(replace(table_only, unresolved=described))
                continue
            table = dict(described["Table"])
            backups = calls.call("dynamodb", "DescribeContinuousBackups", TableName=name)
            table["ContinuousBackupsDescription"] = (
                backups
                if isinstance(backups, Unresolved)
                else backups.get("ContinuousBackupsDescription", {})
            )
            resources.append(make_resource(calls, "dynamodb.table", table["TableArn"], table))
        return resources


class ElastiCacheCollector(Collector):
    """Replication groups with their encryption settings, per region."""

    actions: ClassVar[tuple[str, ...]] = ("elasticache:DescribeReplicationGroups",)
    resource_types: ClassVar[tuple[str, ...]] = ("elasticache.replication_group",)

    def collect(self, calls: Calls) -> list[Resource]:
        groups = calls.paginate("elasticache", "DescribeReplicationGroups", "ReplicationGroups")
        if isinstance(groups, Unresolved):
            return [self.unlisted(calls, groups, "elasticache.replication_group")]
        return [
            make_resource(calls, "elasticache.replication_group", group["ARN"], group)
            for group in groups
        ]


class SecretsManagerCollector(Collector):
    """Secrets with their KMS key and rotation, per region (never their values)."""

    actions: ClassVar[tuple[str, ...]] = ("secretsmanager:ListSecrets",)
    resource_types: ClassVar[tuple[str, ...]] = ("secretsmanager.secret",)

    def collect(self, calls: Calls) -> list[Resource]:
        secrets = calls.paginate("secretsmanager", "ListSecrets", "SecretList")
        if isinstance(secrets, Unresolved):
            return [self.unlisted(calls, secrets, "secretsmanager.secret")]
        return [
            make_resource(
                calls, "secretsmanager.secret", secret["ARN"], secret, tags_of(secret.get("Tags"))
            )
            for secret in secrets
        ]
