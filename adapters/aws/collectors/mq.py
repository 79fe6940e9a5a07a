"""Amazon MQ: brokers with their public accessibility, logging and encryption."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: What DescribeBroker adds to the listing, each needed by some check.
_DESCRIBED = ("PubliclyAccessible", "Logs", "EncryptionOptions")


class MqCollector(Collector):
    """Every broker, per region, as DescribeBroker describes it.

    ListBrokers gives names, engines and states only; accessibility, logs, encryption and tags
    come from DescribeBroker. When that call fails, each of `PubliclyAccessible`, `Logs` and
    `EncryptionOptions` is `Unresolved`, so the checks that read them are `error`.
    """

    actions: ClassVar[tuple[str, ...]] = ("mq:ListBrokers", "mq:DescribeBroker")
    resource_types: ClassVar[tuple[str, ...]] = ("mq.broker",)

    def collect(self, calls: Calls) -> list[Resource]:
        brokers = calls.paginate("mq", "ListBrokers", "BrokerSummaries")
        if isinstance(brokers, Unresolved):
            return [self.unlisted(calls, brokers, "mq.broker")]
        resources: list[Resource] = []
        for summary in brokers:
            described = calls.call("mq", "DescribeBroker", BrokerId=summary["BrokerId"])
            attributes: dict[str, Any] = {**summary}
            tags: Any = None
            if isinstance(described, Unresolved):
                attributes.update(dict.fromkeys(_DESCRIBED, described))
                tags = described
            else:
                described.pop("ResponseMetadata", None)
                attributes.update(described)
                tags = {str(k): str(v) for k, v in (described.get("Tags") or {}).items()}
            resources.append(
                make_resource(calls, "mq.broker", summary["BrokerArn"], attributes, tags)
            )
        return resources
