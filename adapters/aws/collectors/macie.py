"""Amazon Macie: whether the account's Macie session is enabled in the region."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: What AWS answers GetMacieSession with where Macie is not enabled: AccessDeniedException
#: with this message (a missing permission is AccessDeniedException too, with another one).
NOT_ENABLED_REASON = "AccessDeniedException: Macie is not enabled"


class MacieCollector(Collector):
    """One resource per region: the Macie session's `status` and `Enabled` (a region where
    Macie is not enabled is a stand-in with `Enabled` false)."""

    actions: ClassVar[tuple[str, ...]] = ("macie2:GetMacieSession",)
    resource_types: ClassVar[tuple[str, ...]] = ("macie2.session",)

    def collect(self, calls: Calls) -> list[Resource]:
        target = calls.target
        address = f"{target.account}/{target.region}/macie2"
        session = calls.call(
            "macie2", "GetMacieSession", absent_codes=("ResourceNotFoundException",)
        )
        attributes: dict[str, Any]
        if session is None or (
            isinstance(session, Unresolved) and session.reason.startswith(NOT_ENABLED_REASON)
        ):
            attributes = {"Enabled": False}
        elif isinstance(session, Unresolved):
            attributes = {"Enabled": session, "status": session}
        else:
            session.pop("ResponseMetadata", None)
            attributes = {**session, "Enabled": session.get("status") == "ENABLED"}
        return [make_resource(calls, "macie2.session", address, attributes)]
