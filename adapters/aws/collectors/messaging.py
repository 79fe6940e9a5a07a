"""SQS queues and SNS topics: encryption at rest and access policy.

Both carry their `Attributes` as AWS returns them; `Attributes.Policy` is the resource policy as
JSON text (a queue without one has none; a topic always has one, its default allowing only the
owning account), which a check's path reads as the document it holds.
"""

from __future__ import annotations

from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved


class SqsCollector(Collector):
    """Queues with their attributes, per region."""

    actions: ClassVar[tuple[str, ...]] = ("sqs:ListQueues", "sqs:GetQueueAttributes")
    resource_types: ClassVar[tuple[str, ...]] = ("sqs.queue",)

    def collect(self, calls: Calls) -> list[Resource]:
        urls = calls.paginate("sqs", "ListQueues", "QueueUrls")
        if isinstance(urls, Unresolved):
            return [self.unlisted(calls, urls, "sqs.queue")]
        resources = []
        for url in urls:
            answer = calls.call("sqs", "GetQueueAttributes", QueueUrl=url, AttributeNames=["All"])
            attributes = answer if isinstance(answer, Unresolved) else answer.get("Attributes", {})
            name = url.rsplit("/", 1)[-1]
            target = calls.target
            arn = f"arn:aws:sqs:{target.region}:{target.account}:{name}"
            resources.append(
                make_resource(calls, "sqs.queue", arn, {"QueueUrl": url, "Attributes": attributes})
            )
        return resources


class SnsCollector(Collector):
    """Topics with their attributes, per region."""

    actions: ClassVar[tuple[str, ...]] = ("sns:ListTopics", "sns:GetTopicAttributes")
    resource_types: ClassVar[tuple[str, ...]] = ("sns.topic",)

    def collect(self, calls: Calls) -> list[Resource]:
        topics = calls.paginate("sns", "ListTopics", "Topics")
        if isinstance(topics, Unresolved):
            return [self.unlisted(calls, topics, "sns.topic")]
        resources = []
        for topic in topics:
            arn = topic["TopicArn"]
            answer = calls.call("sns", "GetTopicAttributes", TopicArn=arn)
            attributes = answer if isinstance(answer, Unresolved) else answer.get("Attributes", {})
            resources.append(make_resource(calls, "sns.topic", arn, {"Attributes": attributes}))
        return resources
