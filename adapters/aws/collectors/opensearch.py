"""OpenSearch Service: OpenSearch and Elasticsearch domains with their network placement,
encryption, endpoint TLS settings and log publishing.

The domains are read through the service's configuration API under its original name (`es`),
which serves both engines: its IAM actions are the `es:` ones the service still uses, which the
`opensearch` client's calls would not be mapped to here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from adapters.aws.collectors.kms_keys import DESCRIBE_KEY, KeyManagers
from checker.models import Resource, Unresolved

# DescribeElasticsearchDomains takes at most five names a call.
_DESCRIBE_BATCH = 5


class OpenSearchCollector(Collector):
    """Domains of both engines, per region, with `KmsKeyManager` (who manages the key their
    indexes are encrypted with) beside the service's own fields."""

    actions: ClassVar[tuple[str, ...]] = (
        "es:ListDomainNames",
        "es:DescribeElasticsearchDomains",
        DESCRIBE_KEY,
    )
    resource_types: ClassVar[tuple[str, ...]] = ("opensearch.domain",)

    def collect(self, calls: Calls) -> list[Resource]:
        listed = calls.call("es", "ListDomainNames")
        if isinstance(listed, Unresolved):
            return [self.unlisted(calls, listed, "opensearch.domain")]
        names = [str(entry["DomainName"]) for entry in listed.get("DomainNames", [])]
        keys = KeyManagers(calls)
        resources: list[Resource] = []
        for start in range(0, len(names), _DESCRIBE_BATCH):
            batch = names[start : start + _DESCRIBE_BATCH]
            described = calls.call("es", "DescribeElasticsearchDomains", DomainNames=batch)
            if isinstance(described, Unresolved):
                resources.extend(self._undescribed(calls, name, described) for name in batch)
                continue
            for domain in described.get("DomainStatusList", []):
                attributes = dict(domain)
                encryption = domain.get("EncryptionAtRestOptions") or {}
                if encryption.get("Enabled"):
                    attributes["KmsKeyManager"] = keys.of(encryption.get("KmsKeyId"))
                resources.append(
                    make_resource(calls, "opensearch.domain", domain["ARN"], attributes)
                )
        return resources

    @staticmethod
    def _undescribed(calls: Calls, name: str, failure: Unresolved) -> Resource:
        """A domain whose configuration could not be read: every check on it is `error`."""
        target = calls.target
        arn = f"arn:aws:es:{target.region}:{target.account}:domain/{name}"
        resource = make_resource(calls, "opensearch.domain", arn, {"DomainName": name})
        return replace(resource, unresolved=failure)
