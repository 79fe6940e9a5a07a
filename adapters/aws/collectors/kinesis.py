"""Kinesis data streams and Amazon Data Firehose delivery streams, with their encryption."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from adapters.aws.collectors.kms_keys import DESCRIBE_KEY, KeyManagers
from checker.models import Resource, Unresolved


class KinesisCollector(Collector):
    """Data streams with their server-side encryption, per region; an encrypted stream also
    carries `KmsKeyManager`, who manages the key its KeyId names (alias/aws/kinesis is AWS's)."""

    actions: ClassVar[tuple[str, ...]] = (
        "kinesis:ListStreams",
        "kinesis:DescribeStreamSummary",
        DESCRIBE_KEY,
    )
    resource_types: ClassVar[tuple[str, ...]] = ("kinesis.stream",)

    def collect(self, calls: Calls) -> list[Resource]:
        names = calls.paginate("kinesis", "ListStreams", "StreamNames")
        if isinstance(names, Unresolved):
            return [self.unlisted(calls, names, "kinesis.stream")]
        target = calls.target
        keys = KeyManagers(calls)
        resources = []
        for name in names:
            described = calls.call("kinesis", "DescribeStreamSummary", StreamName=name)
            if isinstance(described, Unresolved):
                arn = f"arn:aws:kinesis:{target.region}:{target.account}:stream/{name}"
                listed = make_resource(calls, "kinesis.stream", arn, {"StreamName": name})
                resources.append(replace(listed, unresolved=described))
                continue
            summary = dict(described["StreamDescriptionSummary"])
            if summary.get("EncryptionType") == "KMS":
                summary["KmsKeyManager"] = keys.of(summary.get("KeyId"))
            resources.append(make_resource(calls, "kinesis.stream", summary["StreamARN"], summary))
        return resources


class FirehoseCollector(Collector):
    """Delivery streams with their server-side encryption and source, per region."""

    actions: ClassVar[tuple[str, ...]] = (
        "firehose:ListDeliveryStreams",
        "firehose:DescribeDeliveryStream",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("firehose.delivery_stream",)

    def collect(self, calls: Calls) -> list[Resource]:
        names = self._names(calls)
        if isinstance(names, Unresolved):
            return [self.unlisted(calls, names, "firehose.delivery_stream")]
        target = calls.target
        resources = []
        for name in names:
            described = calls.call("firehose", "DescribeDeliveryStream", DeliveryStreamName=name)
            if isinstance(described, Unresolved):
                arn = f"arn:aws:firehose:{target.region}:{target.account}:deliverystream/{name}"
                listed = make_resource(
                    calls, "firehose.delivery_stream", arn, {"DeliveryStreamName": name}
                )
                resources.append(replace(listed, unresolved=described))
                continue
            description = dict(described["DeliveryStreamDescription"])
            # Destinations can carry endpoint credentials (a Splunk HEC token) and decide
            # nothing the controls judge: they are not collected.
            description.pop("Destinations", None)
            resources.append(
                make_resource(
                    calls,
                    "firehose.delivery_stream",
                    description["DeliveryStreamARN"],
                    description,
                )
            )
        return resources

    @staticmethod
    def _names(calls: Calls) -> list[str] | Unresolved:
        """Every delivery stream's name: the listing has no paginator, it pages by the last
        name seen."""
        names: list[str] = []
        while True:
            extra: dict[str, Any] = {"ExclusiveStartDeliveryStreamName": names[-1]} if names else {}
            page = calls.call("firehose", "ListDeliveryStreams", **extra)
            if isinstance(page, Unresolved):
                return page
            batch = [str(name) for name in page.get("DeliveryStreamNames", [])]
            names.extend(batch)
            if not page.get("HasMoreDeliveryStreams") or not batch:
                return names
