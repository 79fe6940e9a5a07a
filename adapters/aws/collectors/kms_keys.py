"""Who manages the KMS keys that other services name: no collector, a helper for those that
report a key (Redshift, OpenSearch, DocumentDB and Neptune clusters).

A data store encrypted "with KMS" may use the AWS-managed key of its service (aws/rds,
aws/redshift, aws/es), whose use no key policy of the account governs. Only `kms:DescribeKey`
tells the two apart, so a collector that reports a key also reports its `KeyManager`.
"""

from __future__ import annotations

from typing import Any

from adapters.aws.collector import Calls
from checker.models import Unresolved

#: The action a collector using `KeyManagers` has to declare.
DESCRIBE_KEY = "kms:DescribeKey"


class KeyManagers:
    """The `KeyManager` (`CUSTOMER` or `AWS`) of each key named, read once per key."""

    def __init__(self, calls: Calls) -> None:
        self._calls = calls
        self._known: dict[str, Any] = {}

    def of(self, key_id: Any) -> Any:
        """The manager of a key (ID or ARN); None when no key is named; `Unresolved` when
        DescribeKey failed, so that the checks that need it become `error`."""
        if isinstance(key_id, Unresolved):
            return key_id
        if not isinstance(key_id, str) or not key_id.strip():
            return None
        if key_id not in self._known:
            described = self._calls.call("kms", "DescribeKey", KeyId=key_id)
            if isinstance(described, Unresolved):
                self._known[key_id] = described
            else:
                self._known[key_id] = (described.get("KeyMetadata") or {}).get("KeyManager")
        return self._known[key_id]
