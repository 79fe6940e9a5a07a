"""The AWS collectors a scan runs: one line adds a service."""

from __future__ import annotations

from adapters.aws.collector import Collector
from adapters.aws.collectors.cloudtrail import CloudTrailCollector
from adapters.aws.collectors.config_recorder import ConfigCollector
from adapters.aws.collectors.datastores import (
    DynamoDbCollector,
    ElastiCacheCollector,
    SecretsManagerCollector,
)
from adapters.aws.collectors.ec2 import Ec2Collector
from adapters.aws.collectors.ecs import EcsCollector
from adapters.aws.collectors.elbv2 import Elbv2Collector
from adapters.aws.collectors.guardduty import GuardDutyCollector
from adapters.aws.collectors.iam import IamCollector
from adapters.aws.collectors.kms import KmsCollector
from adapters.aws.collectors.logs import LogsCollector
from adapters.aws.collectors.messaging import SnsCollector, SqsCollector
from adapters.aws.collectors.rds import RdsCollector
from adapters.aws.collectors.s3 import S3AccountCollector, S3Collector

COLLECTORS: tuple[Collector, ...] = (
    S3Collector(),
    S3AccountCollector(),
    IamCollector(),
    Ec2Collector(),
    RdsCollector(),
    KmsCollector(),
    CloudTrailCollector(),
    LogsCollector(),
    GuardDutyCollector(),
    ConfigCollector(),
    SqsCollector(),
    SnsCollector(),
    DynamoDbCollector(),
    ElastiCacheCollector(),
    SecretsManagerCollector(),
    Elbv2Collector(),
    EcsCollector(),
)
