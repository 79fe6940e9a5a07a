"""The AWS collectors a scan runs: one line adds a service."""

from __future__ import annotations

from adapters.aws.collector import Collector
from adapters.aws.collectors.accessanalyzer import AccessAnalyzerCollector
from adapters.aws.collectors.acm import AcmCollector
from adapters.aws.collectors.apigateway import ApiGatewayCollector
from adapters.aws.collectors.appstream import AppStreamCollector
from adapters.aws.collectors.appsync import AppSyncCollector
from adapters.aws.collectors.athena import AthenaCollector
from adapters.aws.collectors.autoscaling import AutoScalingCollector
from adapters.aws.collectors.backup import BackupCollector
from adapters.aws.collectors.cloudfront import CloudFrontCollector
from adapters.aws.collectors.cloudtrail import CloudTrailCollector
from adapters.aws.collectors.codebuild import CodeBuildCollector
from adapters.aws.collectors.cognito import CognitoCollector
from adapters.aws.collectors.config_recorder import ConfigCollector
from adapters.aws.collectors.datastores import (
    DynamoDbCollector,
    ElastiCacheCollector,
    SecretsManagerCollector,
)
from adapters.aws.collectors.dax import DaxCollector
from adapters.aws.collectors.dms import DmsCollector
from adapters.aws.collectors.ec2 import Ec2Collector
from adapters.aws.collectors.ecr import EcrCollector
from adapters.aws.collectors.ecs import EcsCollector
from adapters.aws.collectors.efs import EfsCollector
from adapters.aws.collectors.eks import EksCollector
from adapters.aws.collectors.elb import ElbCollector
from adapters.aws.collectors.elbv2 import Elbv2Collector
from adapters.aws.collectors.emr import EmrCollector
from adapters.aws.collectors.events import EventBridgeCollector
from adapters.aws.collectors.guardduty import GuardDutyCollector
from adapters.aws.collectors.iam import IamCollector
from adapters.aws.collectors.inspector2 import Inspector2Collector
from adapters.aws.collectors.kinesis import FirehoseCollector, KinesisCollector
from adapters.aws.collectors.kms import KmsCollector
from adapters.aws.collectors.lambda_functions import LambdaCollector
from adapters.aws.collectors.logs import LogsCollector
from adapters.aws.collectors.macie import MacieCollector
from adapters.aws.collectors.memorydb import MemoryDbCollector
from adapters.aws.collectors.messaging import SnsCollector, SqsCollector
from adapters.aws.collectors.mq import MqCollector
from adapters.aws.collectors.msk import MskCollector
from adapters.aws.collectors.networkfirewall import NetworkFirewallCollector
from adapters.aws.collectors.opensearch import OpenSearchCollector
from adapters.aws.collectors.organizations import OrganizationsCollector
from adapters.aws.collectors.rds import RdsCollector
from adapters.aws.collectors.redshift import RedshiftCollector
from adapters.aws.collectors.route53 import Route53Collector
from adapters.aws.collectors.s3 import S3AccessPointCollector, S3AccountCollector, S3Collector
from adapters.aws.collectors.sagemaker import SageMakerCollector
from adapters.aws.collectors.securityhub import SecurityHubCollector
from adapters.aws.collectors.shield import ShieldCollector
from adapters.aws.collectors.ssm import SsmCollector
from adapters.aws.collectors.stepfunctions import StepFunctionsCollector
from adapters.aws.collectors.transfer import TransferCollector
from adapters.aws.collectors.wafv2 import Wafv2CloudFrontCollector, Wafv2Collector

COLLECTORS: tuple[Collector, ...] = (
    S3Collector(),
    S3AccountCollector(),
    S3AccessPointCollector(),
    OrganizationsCollector(),
    ShieldCollector(),
    AppStreamCollector(),
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
    ElbCollector(),
    EcsCollector(),
    EksCollector(),
    EcrCollector(),
    ApiGatewayCollector(),
    CloudFrontCollector(),
    Wafv2Collector(),
    Wafv2CloudFrontCollector(),
    SsmCollector(),
    LambdaCollector(),
    BackupCollector(),
    KinesisCollector(),
    FirehoseCollector(),
    TransferCollector(),
    RedshiftCollector(),
    OpenSearchCollector(),
    MskCollector(),
    DmsCollector(),
    DaxCollector(),
    MemoryDbCollector(),
    AcmCollector(),
    AccessAnalyzerCollector(),
    AppSyncCollector(),
    AutoScalingCollector(),
    CognitoCollector(),
    EmrCollector(),
    Inspector2Collector(),
    MacieCollector(),
    NetworkFirewallCollector(),
    Route53Collector(),
    SageMakerCollector(),
    SecurityHubCollector(),
    StepFunctionsCollector(),
    AthenaCollector(),
    CodeBuildCollector(),
    MqCollector(),
    EfsCollector(),
    EventBridgeCollector(),
)
