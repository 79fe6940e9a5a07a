"""Route 53: hosted zones, with the address records (A, AAAA) and mail authentication records
(SPF, DMARC) a public zone publishes and the query logging configured for each zone."""

from __future__ import annotations

from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: The record types that publish an address.
ADDRESS_TYPES = ("A", "AAAA")


class Route53Collector(Collector):
    """Every hosted zone of the account, as `route53.hosted_zone`; collected once per account.

    A public zone carries `AddressRecordSets`, its A and AAAA record sets (the records the
    whole internet can resolve), `ApexTxtRecordSets`, the TXT record sets at the zone's own
    name (where SPF is published), and `DmarcRecordSets`, those at `_dmarc.` and the zone's
    name; a private zone is answered only inside its VPCs, so its records are not read. Each
    zone carries the `QueryLoggingConfigs` that name it.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "route53:ListHostedZones",
        "route53:ListResourceRecordSets",
        "route53:ListQueryLoggingConfigs",
    )
    resource_types: ClassVar[tuple[str, ...]] = ("route53.hosted_zone",)
    is_global: ClassVar[bool] = True

    def collect(self, calls: Calls) -> list[Resource]:
        zones = calls.paginate("route53", "ListHostedZones", "HostedZones")
        if isinstance(zones, Unresolved):
            return [self.unlisted(calls, zones, "route53.hosted_zone")]
        if not zones:
            return []
        logging = calls.paginate("route53", "ListQueryLoggingConfigs", "QueryLoggingConfigs")
        return [self._zone(calls, zone, logging) for zone in zones]

    def _zone(self, calls: Calls, zone: dict[str, Any], logging: Any) -> Resource:
        zone_id = str(zone["Id"]).rsplit("/", 1)[-1]
        attributes: dict[str, Any] = {**zone, "HostedZoneId": zone_id}
        attributes["QueryLoggingConfigs"] = (
            logging
            if isinstance(logging, Unresolved)
            else [config for config in logging if config.get("HostedZoneId") == zone_id]
        )
        if not (zone.get("Config") or {}).get("PrivateZone"):
            records = calls.paginate(
                "route53", "ListResourceRecordSets", "ResourceRecordSets", HostedZoneId=zone_id
            )
            if isinstance(records, Unresolved):
                for key in ("AddressRecordSets", "ApexTxtRecordSets", "DmarcRecordSets"):
                    attributes[key] = records
            else:
                name = str(zone.get("Name", ""))
                attributes["AddressRecordSets"] = [
                    record for record in records if record.get("Type") in ADDRESS_TYPES
                ]
                attributes["ApexTxtRecordSets"] = _txt(records, name)
                attributes["DmarcRecordSets"] = _txt(records, f"_dmarc.{name}")
        arn = f"arn:aws:route53:::hostedzone/{zone_id}"
        return make_resource(calls, "route53.hosted_zone", arn, attributes)


def _txt(records: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    """The TXT record sets of one name (Route 53 writes names with their final dot)."""
    wanted = name.rstrip(".").lower()
    return [
        record
        for record in records
        if record.get("Type") == "TXT" and str(record.get("Name", "")).rstrip(".").lower() == wanted
    ]
