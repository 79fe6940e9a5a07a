"""The Kinesis and Firehose collectors against moto's server, and the stream encryption control
on data streams, delivery streams and (from the MSK collector) Kafka clusters."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from botocore.exceptions import ClientError

from adapters.aws.collectors.kinesis import FirehoseCollector, KinesisCollector
from adapters.aws.collectors.msk import MskCollector
from checker.models import Status
from tests.adapters.aws.conftest import client_for, reset, scan_with, verdicts_of

STREAM_COLLECTORS = [KinesisCollector(), FirehoseCollector()]
STREAMS = "pci-3.5.1-stream-encryption"
FIREHOSE_ROLE = "arn:aws:iam::123456789012:role/firehose"
ARCHIVE = {"RoleARN": FIREHOSE_ROLE, "BucketARN": "arn:aws:s3:::payments-archive"}


def seed(client: Callable[[str], Any]) -> None:
    """Compliant and non-compliant Kinesis data streams and Firehose delivery streams in one
    region: the good data stream is encrypted with a customer-managed key, the good delivery
    streams encrypt what they buffer or read from the good data stream; the bad ones do not."""
    kinesis, firehose = client("kinesis"), client("firehose")
    key = client("kms").create_key(Description="payment events")["KeyMetadata"]["Arn"]
    customer_key = {"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": key}
    kinesis.create_stream(StreamName="authorizations-good", ShardCount=1)
    kinesis.start_stream_encryption(
        StreamName="authorizations-good", EncryptionType="KMS", KeyId=key
    )
    kinesis.create_stream(StreamName="authorizations-bad", ShardCount=1)
    firehose.create_delivery_stream(
        DeliveryStreamName="audit-archive-good",
        DeliveryStreamType="DirectPut",
        DeliveryStreamEncryptionConfigurationInput=customer_key,
        ExtendedS3DestinationConfiguration=ARCHIVE,
    )
    # moto records the requested configuration; AWS reports it ENABLED once it is in force.
    firehose.start_delivery_stream_encryption(
        DeliveryStreamName="audit-archive-good",
        DeliveryStreamEncryptionConfigurationInput=customer_key,
    )
    firehose.create_delivery_stream(
        DeliveryStreamName="audit-archive-bad",
        DeliveryStreamType="DirectPut",
        ExtendedS3DestinationConfiguration=ARCHIVE,
    )
    for source in ("good", "bad"):
        arn = kinesis.describe_stream_summary(StreamName=f"authorizations-{source}")[
            "StreamDescriptionSummary"
        ]["StreamARN"]
        firehose.create_delivery_stream(
            DeliveryStreamName=f"authorizations-archive-{source}",
            DeliveryStreamType="KinesisStreamAsSource",
            KinesisStreamSourceConfiguration={"KinesisStreamARN": arn, "RoleARN": FIREHOSE_ROLE},
            ExtendedS3DestinationConfiguration=ARCHIVE,
        )


def _arns(client: Callable[[str], Any]) -> dict[str, str]:
    """Data stream and delivery stream ARNs by name."""
    kinesis, firehose = client("kinesis"), client("firehose")
    arns = {
        name: kinesis.describe_stream_summary(StreamName=name)["StreamDescriptionSummary"][
            "StreamARN"
        ]
        for name in kinesis.list_streams()["StreamNames"]
    }
    for name in firehose.list_delivery_streams()["DeliveryStreamNames"]:
        described = firehose.describe_delivery_stream(DeliveryStreamName=name)
        arns[name] = described["DeliveryStreamDescription"]["DeliveryStreamARN"]
    return arns


def test_data_and_delivery_streams_are_judged_by_arn(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    snapshot, report = scan_with(endpoint, STREAM_COLLECTORS)
    assert snapshot.errors == ()
    assert verdicts_of(report, STREAMS) == {
        arns["authorizations-good"]: Status.PASS,
        arns["authorizations-bad"]: Status.FAIL,
        arns["audit-archive-good"]: Status.PASS,
        arns["audit-archive-bad"]: Status.FAIL,
        arns["authorizations-archive-good"]: Status.PASS,
        arns["authorizations-archive-bad"]: Status.FAIL,
    }
    delivery = next(r for r in snapshot.resources if r.type == "firehose.delivery_stream")
    assert "Destinations" not in delivery.attributes


def _aws_managed_key(params: dict[str, Any], **_: Any) -> Any:
    """DescribeKey as AWS answers it for its own alias/aws/kinesis, which moto does not know."""
    if "alias/aws/kinesis" not in str(params["body"]):
        return None
    metadata = {"KeyId": "0a1b2c3d-aws-kinesis", "KeyManager": "AWS", "KeyState": "Enabled"}
    return SimpleNamespace(status_code=200), {"KeyMetadata": metadata}


def test_a_stream_under_the_aws_managed_key_fails(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    kinesis = client("kinesis")
    kinesis.create_stream(StreamName="refunds-awskey-bad", ShardCount=1)
    kinesis.start_stream_encryption(
        StreamName="refunds-awskey-bad", EncryptionType="KMS", KeyId="alias/aws/kinesis"
    )
    arns = _arns(client)
    snapshot, report = scan_with(
        endpoint, STREAM_COLLECTORS, **{"before-call.kms.DescribeKey": _aws_managed_key}
    )
    assert verdicts_of(report, STREAMS) == {arns["refunds-awskey-bad"]: Status.FAIL}
    (stream,) = [r for r in snapshot.resources if r.type == "kinesis.stream"]
    assert stream.attributes["KmsKeyManager"] == "AWS"


def _denied(operation: str) -> Callable[..., None]:
    def handler(**_: Any) -> None:
        response: Any = {
            "Error": {"Code": "AccessDeniedException", "Message": "not allowed"},
            "ResponseMetadata": {"HTTPStatusCode": 400},
        }
        raise ClientError(response, operation)

    return handler


def test_a_delivery_stream_that_cannot_be_described_is_an_error(endpoint: str) -> None:
    reset(endpoint)
    client = client_for(endpoint)
    seed(client)
    arns = _arns(client)
    hooks = {"before-call.firehose.DescribeDeliveryStream": _denied("DescribeDeliveryStream")}
    snapshot, report = scan_with(endpoint, STREAM_COLLECTORS, **hooks)
    statuses = verdicts_of(report, STREAMS)
    assert statuses[arns["authorizations-good"]] is Status.PASS
    assert statuses[arns["authorizations-bad"]] is Status.FAIL
    for name in ("audit-archive-good", "authorizations-archive-bad"):
        assert statuses[arns[name]] is Status.ERROR, name
    failed = [r for r in snapshot.resources if r.type == "firehose.delivery_stream"]
    assert all("firehose:DescribeDeliveryStream" in str(r.unresolved) for r in failed)


def test_delivery_streams_are_listed_page_by_page(endpoint: str) -> None:
    reset(endpoint)
    firehose = client_for(endpoint)("firehose")
    names = [f"metrics-{number:02d}-bad" for number in range(12)]
    for name in names:
        firehose.create_delivery_stream(
            DeliveryStreamName=name, ExtendedS3DestinationConfiguration=ARCHIVE
        )
    pages: list[Any] = []

    def small_pages(params: dict[str, Any], **_: Any) -> None:
        params["Limit"] = 5  # AWS's own default is 10; moto's, 50
        pages.append(params.get("ExclusiveStartDeliveryStreamName"))

    hooks = {"before-parameter-build.firehose.ListDeliveryStreams": small_pages}
    snapshot, _ = scan_with(endpoint, [FirehoseCollector()], **hooks)
    listed = [r.attributes["DeliveryStreamName"] for r in snapshot.resources]
    assert sorted(listed) == names
    assert pages == [None, names[4], names[9]]


def _clusters(clusters: list[dict[str, Any]]) -> Callable[..., Any]:
    """A ListClustersV2 answer carrying encryption settings, which moto leaves out."""

    def answer(**_: Any) -> Any:
        return SimpleNamespace(status_code=200), {"ClusterInfoList": clusters}

    return answer


def _cluster(name: str, transit: dict[str, Any] | None) -> dict[str, Any]:
    encryption = {} if transit is None else {"EncryptionInTransit": transit}
    return {
        "ClusterArn": f"arn:aws:kafka:eu-west-1:123456789012:cluster/{name}/0a1b2c3d-1",
        "ClusterName": name,
        "ClusterType": "PROVISIONED",
        "Provisioned": {"EncryptionInfo": encryption, "NumberOfBrokerNodes": 3},
    }


def test_kafka_clusters_fail_where_they_allow_plaintext(endpoint: str) -> None:
    reset(endpoint)
    clusters = [
        _cluster("events-good", {"ClientBroker": "TLS", "InCluster": True}),
        _cluster("events-defaults-good", None),
        _cluster("events-client-plaintext-bad", {"ClientBroker": "TLS_PLAINTEXT"}),
        _cluster("events-in-cluster-bad", {"ClientBroker": "TLS", "InCluster": False}),
        {
            "ClusterArn": "arn:aws:kafka:eu-west-1:123456789012:cluster/serverless/0a1b2c3d-2",
            "ClusterName": "serverless",
            "ClusterType": "SERVERLESS",
            "Serverless": {"VpcConfigs": []},
        },
    ]
    hooks = {"before-call.kafka.ListClustersV2": _clusters(clusters)}
    _, report = scan_with(endpoint, [MskCollector()], **hooks)
    arn = {cluster["ClusterName"]: cluster["ClusterArn"] for cluster in clusters}
    assert verdicts_of(report, STREAMS) == {
        arn["events-good"]: Status.PASS,
        arn["events-defaults-good"]: Status.PASS,
        arn["events-client-plaintext-bad"]: Status.FAIL,
        arn["events-in-cluster-bad"]: Status.FAIL,
    }
