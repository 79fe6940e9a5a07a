"""Build the fintech example stack in a local moto server, insecure or compliant.

    python examples/aws/stack.py --variant insecure --port 5555

starts moto's server on 127.0.0.1:5555, seeds the stack in eu-west-1 and eu-central-1, prints
the command that scans it, and serves until interrupted. Everything stays on loopback, and the
credentials are moto's placeholders.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from adapters.aws.collector import drop_account_host_label

REGIONS = ("eu-west-1", "eu-central-1")
HOME = REGIONS[0]


def _any_event(*names: str) -> str:
    """A metric filter pattern matching any of these CloudTrail event names."""
    return "{ " + " || ".join(f"($.eventName = {name})" for name in names) + " }"


#: The CIS AWS Foundations metric filters on CloudTrail's log group, each with an alarm.
SECURITY_ALARMS = {
    "unauthorized-api-calls": (
        '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }'
    ),
    "console-signin-without-mfa": (
        '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }'
    ),
    "root-account-usage": '{ $.userIdentity.type = "Root" && $.eventType != "AwsServiceEvent" }',
    "console-authentication-failures": (
        '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }'
    ),
    "iam-policy-changes": _any_event(
        *(
            f"{verb}{kind}Policy"
            for verb in ("Delete", "Put")
            for kind in ("Group", "Role", "User")
        ),
        "CreatePolicy",
        "DeletePolicy",
        "CreatePolicyVersion",
        "DeletePolicyVersion",
        *(
            f"{verb}{kind}Policy"
            for verb in ("Attach", "Detach")
            for kind in ("Role", "User", "Group")
        ),
    ),
    "s3-bucket-policy-changes": _any_event(
        "PutBucketAcl",
        "PutBucketPolicy",
        "PutBucketCors",
        "PutBucketLifecycle",
        "PutBucketReplication",
        "DeleteBucketPolicy",
        "DeleteBucketCors",
        "DeleteBucketLifecycle",
        "DeleteBucketReplication",
    ),
    "cloudtrail-changes": _any_event(
        "CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"
    ),
    "config-changes": _any_event(
        "StopConfigurationRecorder",
        "DeleteDeliveryChannel",
        "PutDeliveryChannel",
        "PutConfigurationRecorder",
    ),
    "kms-key-disabled-or-deleted": _any_event("DisableKey", "ScheduleKeyDeletion"),
    "security-group-changes": _any_event(
        "AuthorizeSecurityGroupIngress",
        "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress",
        "RevokeSecurityGroupEgress",
        "CreateSecurityGroup",
        "DeleteSecurityGroup",
    ),
    "nacl-changes": _any_event(
        "CreateNetworkAcl",
        "CreateNetworkAclEntry",
        "DeleteNetworkAcl",
        "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry",
        "ReplaceNetworkAclAssociation",
    ),
    "network-gateway-changes": _any_event(
        "CreateCustomerGateway",
        "DeleteCustomerGateway",
        "AttachInternetGateway",
        "CreateInternetGateway",
        "DeleteInternetGateway",
        "DetachInternetGateway",
    ),
    "route-table-changes": _any_event(
        "CreateRoute",
        "CreateRouteTable",
        "ReplaceRoute",
        "ReplaceRouteTableAssociation",
        "DeleteRouteTable",
        "DeleteRoute",
        "DisassociateRouteTable",
    ),
    "vpc-changes": _any_event(
        "CreateVpc",
        "DeleteVpc",
        "ModifyVpcAttribute",
        "AcceptVpcPeeringConnection",
        "CreateVpcPeeringConnection",
        "DeleteVpcPeeringConnection",
        "RejectVpcPeeringConnection",
    ),
}


def _session() -> Any:
    return boto3.Session(
        aws_access_key_id="testing", aws_secret_access_key="testing", region_name=HOME
    )


def _tls_only(bucket: str) -> str:
    statement = {
        "Sid": "DenyInsecureTransport",
        "Effect": "Deny",
        "Principal": "*",
        "Action": "s3:*",
        "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    }
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def _regional(session: Any, endpoint: str, region: str, compliant: bool, key: str) -> None:
    """What every region needs: threat detection, change recording, EBS encryption, a closed
    default security group."""
    ec2 = session.client("ec2", region_name=region, endpoint_url=endpoint)
    for group in ec2.describe_security_groups(GroupNames=["default"])["SecurityGroups"]:
        if compliant:
            if group["IpPermissions"]:
                ec2.revoke_security_group_ingress(
                    GroupId=group["GroupId"], IpPermissions=group["IpPermissions"]
                )
            if group["IpPermissionsEgress"]:
                ec2.revoke_security_group_egress(
                    GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"]
                )
    if compliant:
        ec2.enable_ebs_encryption_by_default()
        vpcs = [vpc["VpcId"] for vpc in ec2.describe_vpcs()["Vpcs"]]
        ec2.create_flow_logs(
            ResourceIds=vpcs,
            ResourceType="VPC",
            TrafficType="ALL",
            LogDestinationType="cloud-watch-logs",
            LogGroupName="/vpc/flow",
            DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs",
        )
        resolver = session.client("route53resolver", region_name=region, endpoint_url=endpoint)
        queries = resolver.create_resolver_query_log_config(
            Name="payments-queries",
            DestinationArn=f"arn:aws:logs:{region}:123456789012:log-group:/route53/queries",
            CreatorRequestId=f"payments-queries-{region}",
        )["ResolverQueryLogConfig"]["Id"]
        for vpc_id in vpcs:
            resolver.associate_resolver_query_log_config(
                ResolverQueryLogConfigId=queries, ResourceId=vpc_id
            )
        session.client("guardduty", region_name=region, endpoint_url=endpoint).create_detector(
            Enable=True,
            Features=[
                {"Name": "EBS_MALWARE_PROTECTION", "Status": "ENABLED"},
                {"Name": "RUNTIME_MONITORING", "Status": "ENABLED"},
            ],
        )
        session.client("inspector2", region_name=region, endpoint_url=endpoint).enable(
            accountIds=["123456789012"], resourceTypes=["EC2", "ECR", "LAMBDA"]
        )
        # Athena's default workgroup writes query results encrypted with the key (moto cannot
        # update a workgroup, so the example makes it anew).
        athena = session.client("athena", region_name=region, endpoint_url=endpoint)
        athena.delete_work_group(WorkGroup="primary")
        athena.create_work_group(
            Name="primary",
            Configuration={
                "EnforceWorkGroupConfiguration": True,
                "ResultConfiguration": {
                    "OutputLocation": "s3://payments-athena-results/",
                    "EncryptionConfiguration": {"EncryptionOption": "SSE_KMS", "KmsKey": key},
                },
            },
        )
        hub = session.client("securityhub", region_name=region, endpoint_url=endpoint)
        hub.enable_security_hub(EnableDefaultStandards=True)
        session.client(
            "emr", region_name=region, endpoint_url=endpoint
        ).put_block_public_access_configuration(
            BlockPublicAccessConfiguration={
                "BlockPublicSecurityGroupRules": True,
                "PermittedPublicSecurityGroupRuleRanges": [],
            }
        )
        config = session.client("config", region_name=region, endpoint_url=endpoint)
        config.put_configuration_recorder(
            ConfigurationRecorder={
                "name": "default",
                "roleARN": "arn:aws:iam::123456789012:role/config",
                "recordingGroup": {
                    "allSupported": True,
                    "includeGlobalResourceTypes": region == HOME,
                },
            }
        )
        config.put_delivery_channel(
            DeliveryChannel={"name": "default", "s3BucketName": "payments-config"}
        )
        config.start_configuration_recorder(ConfigurationRecorderName="default")


def _trail_bucket(s3: Any, key: str) -> None:
    """CloudTrail's bucket: encrypted, versioned, private, and write-once (Object Lock)."""
    s3.create_bucket(
        Bucket="payments-cloudtrail",
        CreateBucketConfiguration={"LocationConstraint": HOME},
        ObjectLockEnabledForBucket=True,
    )
    s3.put_object_lock_configuration(
        Bucket="payments-cloudtrail",
        ObjectLockConfiguration={
            "ObjectLockEnabled": "Enabled",
            "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 400}},
        },
    )
    s3.put_bucket_versioning(
        Bucket="payments-cloudtrail", VersioningConfiguration={"Status": "Enabled"}
    )
    s3.put_public_access_block(
        Bucket="payments-cloudtrail",
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_encryption(
        Bucket="payments-cloudtrail",
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
    s3.put_bucket_policy(Bucket="payments-cloudtrail", Policy=_tls_only("payments-cloudtrail"))


def _security_alarms(logs: Any, sns: Any, cloudwatch: Any, key: str) -> None:
    """CloudTrail's log group, with a metric filter and an alarm that notifies for each
    security event."""
    group = "/cloudtrail/payments"
    logs.create_log_group(logGroupName=group, kmsKeyId=key)
    logs.put_retention_policy(logGroupName=group, retentionInDays=400)
    topic = sns.create_topic(Name="payments-security-alarms", Attributes={"KmsMasterKeyId": key})
    for name, pattern in SECURITY_ALARMS.items():
        logs.put_metric_filter(
            logGroupName=group,
            filterName=name,
            filterPattern=pattern,
            metricTransformations=[
                {"metricName": name, "metricNamespace": "CISBenchmark", "metricValue": "1"}
            ],
        )
        cloudwatch.put_metric_alarm(
            AlarmName=f"payments-{name}",
            MetricName=name,
            Namespace="CISBenchmark",
            Statistic="Sum",
            Period=300,
            EvaluationPeriods=1,
            Threshold=1,
            ComparisonOperator="GreaterThanOrEqualToThreshold",
            AlarmActions=[topic["TopicArn"]],
        )


def _organization(organizations: Any, compliant: bool) -> None:
    """The organization the account manages, with one workload account; the compliant
    variant keeps GuardDuty on in every account with an SCP on the root."""
    organizations.create_organization(FeatureSet="ALL")
    organizations.create_account(AccountName="payments-workloads", Email="workloads@example.com")
    if not compliant:
        return
    root = organizations.list_roots()["Roots"][0]["Id"]
    statement = {
        "Effect": "Deny",
        "Action": [
            "guardduty:DeleteDetector",
            "guardduty:UpdateDetector",
            "guardduty:DisassociateFromAdministratorAccount",
            "guardduty:DisassociateFromMasterAccount",
        ],
        "Resource": "*",
    }
    policy = organizations.create_policy(
        Name="protect-guardduty",
        Description="GuardDuty cannot be switched off in member accounts",
        Type="SERVICE_CONTROL_POLICY",
        Content=json.dumps({"Version": "2012-10-17", "Statement": [statement]}),
    )
    organizations.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=root)


def seed(endpoint: str, variant: str) -> None:
    """Create the payments platform's AWS resources, insecure or compliant."""
    compliant = variant == "compliant"
    session = _session()

    def client(service: str, region: str = HOME) -> Any:
        return session.client(service, region_name=region, endpoint_url=endpoint)

    kms = client("kms")
    key = kms.create_key(Description="payments data")["KeyMetadata"]["Arn"]
    if compliant:
        kms.enable_key_rotation(KeyId=key)
    s3 = client("s3")
    location = {"LocationConstraint": HOME}
    s3.create_bucket(Bucket="payments-access-logs", CreateBucketConfiguration=location)
    s3.put_bucket_acl(Bucket="payments-access-logs", ACL="log-delivery-write")
    s3.create_bucket(Bucket="payments-statements", CreateBucketConfiguration=location)
    s3.put_bucket_tagging(
        Bucket="payments-statements",
        Tagging={"TagSet": [{"Key": "DataClassification", "Value": "cardholder"}]},
    )
    for bucket in ("payments-access-logs", "payments-statements"):
        s3.put_bucket_versioning(
            Bucket=bucket,
            VersioningConfiguration={"Status": "Enabled" if compliant else "Suspended"},
        )
        s3.put_public_access_block(
            Bucket=bucket,
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": compliant,
            },
        )
    if compliant:
        s3.put_bucket_encryption(
            Bucket="payments-statements",
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
        s3.put_bucket_policy(Bucket="payments-statements", Policy=_tls_only("payments-statements"))
        s3.put_bucket_ownership_controls(
            Bucket="payments-statements",
            OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]},
        )
        s3.put_bucket_logging(
            Bucket="payments-statements",
            BucketLoggingStatus={
                "LoggingEnabled": {
                    "TargetBucket": "payments-access-logs",
                    "TargetPrefix": "statements/",
                }
            },
        )
        s3.put_bucket_lifecycle_configuration(
            Bucket="payments-statements",
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
    if compliant:
        control = session.client("s3control", region_name=HOME, endpoint_url=endpoint)
        drop_account_host_label(control, "123456789012")
        control.put_public_access_block(
            AccountId="123456789012",
            PublicAccessBlockConfiguration={
                "BlockPublicAcls": True,
                "IgnorePublicAcls": True,
                "BlockPublicPolicy": True,
                "RestrictPublicBuckets": True,
            },
        )
    ec2 = client("ec2")
    vpc = ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
    database = ec2.create_security_group(
        GroupName="payments-db", Description="ledger database", VpcId=vpc
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=database,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 5432,
                "ToPort": 5432,
                "IpRanges": [{"CidrIp": "10.40.0.0/16" if compliant else "0.0.0.0/0"}],
            }
        ],
    )
    bastion = ec2.create_security_group(
        GroupName="payments-bastion", Description="bastion", VpcId=vpc
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=bastion,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 22,
                "ToPort": 22,
                "IpRanges": [{"CidrIp": "10.99.0.0/16" if compliant else "0.0.0.0/0"}],
            }
        ],
    )
    ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=200, Encrypted=compliant)
    rds = client("rds")
    parameters = {}
    if compliant:
        rds.create_db_parameter_group(
            DBParameterGroupName="payments-postgres16",
            DBParameterGroupFamily="postgres16",
            Description="TLS only",
        )
        rds.modify_db_parameter_group(
            DBParameterGroupName="payments-postgres16",
            Parameters=[
                {
                    "ParameterName": "rds.force_ssl",
                    "ParameterValue": "1",
                    "ApplyMethod": "immediate",
                }
            ],
        )
        parameters = {"DBParameterGroupName": "payments-postgres16"}
    rds.create_db_instance(
        DBInstanceIdentifier="payments-ledger",
        Engine="postgres",
        DBInstanceClass="db.m6g.large",
        AllocatedStorage=100,
        MasterUsername="ledger_admin",
        MasterUserPassword="Fake-password-for-the-example-1",
        StorageEncrypted=compliant,
        PubliclyAccessible=not compliant,
        BackupRetentionPeriod=14 if compliant else 1,
        DeletionProtection=compliant,
        EnableIAMDatabaseAuthentication=compliant,
        EnableCloudwatchLogsExports=["postgresql"] if compliant else [],
        **parameters,
    )
    logs = client("logs")
    logs.create_log_group(
        logGroupName="/ecs/payments-api", **({"kmsKeyId": key} if compliant else {})
    )
    logs.put_retention_policy(
        logGroupName="/ecs/payments-api", retentionInDays=400 if compliant else 30
    )
    client("sqs").create_queue(
        QueueName="payments-settlement",
        Attributes=({"KmsMasterKeyId": key} if compliant else {"SqsManagedSseEnabled": "false"}),
    )
    client("sns").create_topic(
        Name="payments-events", Attributes={"KmsMasterKeyId": key} if compliant else {}
    )
    if compliant:
        # Session Manager's preferences: sessions encrypted with the key and logged to S3.
        preferences = {
            "schemaVersion": "1.0",
            "description": "Session Manager preferences",
            "sessionType": "Standard_Stream",
            "inputs": {
                "kmsKeyId": key,
                "s3BucketName": "payments-session-logs",
                "s3EncryptionEnabled": True,
                "idleSessionTimeout": "15",
            },
        }
        for region in REGIONS:  # the preferences are regional
            client("ssm", region).create_document(
                Name="SSM-SessionManagerRunShell",
                DocumentType="Session",
                Content=json.dumps(preferences),
            )
    client("iam").update_account_password_policy(
        MinimumPasswordLength=14 if compliant else 8,
        RequireNumbers=compliant,
        RequireLowercaseCharacters=True,
        RequireUppercaseCharacters=compliant,
        PasswordReusePrevention=12 if compliant else 1,
        MaxPasswordAge=90 if compliant else 365,
    )
    if compliant:
        _trail_bucket(s3, key)
        _security_alarms(client("logs"), client("sns"), client("cloudwatch"), key)
    trail = client("cloudtrail")
    arguments: dict[str, Any] = {
        "Name": "payments",
        "S3BucketName": "payments-cloudtrail" if compliant else "payments-access-logs",
        "IsMultiRegionTrail": compliant,
        "EnableLogFileValidation": compliant,
    }
    if compliant:
        arguments.update(
            KmsKeyId=key,
            CloudWatchLogsLogGroupArn=(
                f"arn:aws:logs:{HOME}:123456789012:log-group:/cloudtrail/payments:*"
            ),
            CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/cloudtrail-logs",
        )
    trail.create_trail(**arguments)
    if compliant:
        trail.start_logging(Name="payments")
        # Object reads and writes of every bucket: who read cardholder data, and the logs.
        trail.put_event_selectors(
            TrailName="payments",
            EventSelectors=[
                {
                    "ReadWriteType": "All",
                    "IncludeManagementEvents": True,
                    "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
                }
            ],
        )
        trail.put_insight_selectors(
            TrailName="payments",
            InsightSelectors=[
                {"InsightType": "ApiCallRateInsight"},
                {"InsightType": "ApiErrorRateInsight"},
            ],
        )
    _organization(client("organizations"), compliant)
    for region in REGIONS:
        _regional(session, endpoint, region, compliant, key)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", choices=["insecure", "compliant"], required=True)
    parser.add_argument("--port", type=int, default=5555)
    args = parser.parse_args()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=args.port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{args.port}"
    seed(endpoint, args.variant)
    regions = " ".join(f"--region {region}" for region in REGIONS)
    print(
        f"{args.variant} stack ready at {endpoint}; scan it with:\n"
        f"  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION={HOME} "
        f"assaymark scan aws --endpoint-url {endpoint} {regions}",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
