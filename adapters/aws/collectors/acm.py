"""ACM: certificates with their validity, key algorithm, status and the resources using them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from adapters.aws.collector import Calls, Collector, make_resource
from checker.models import Resource, Unresolved

#: What DescribeCertificate tells that a check needs; all of it is unknown when the call fails.
_DESCRIBED = ("InUseBy", "KeyAlgorithm", "NotAfter", "Status", "Type", "DaysUntilExpiry")


class AcmCollector(Collector):
    """Every certificate of every key type, per region.

    Each carries `DaysUntilExpiry`, the whole days from the time of collection to its
    `NotAfter` (negative once it has expired), since a control cannot compare a date with now.
    """

    actions: ClassVar[tuple[str, ...]] = ("acm:ListCertificates", "acm:DescribeCertificate")
    resource_types: ClassVar[tuple[str, ...]] = ("acm.certificate",)

    def collect(self, calls: Calls) -> list[Resource]:
        # Without a keyTypes filter ListCertificates returns only RSA_2048 certificates,
        # which would hide exactly the weak (RSA_1024) and the EC ones.
        key_types = calls.client("acm").meta.service_model.shape_for("KeyAlgorithm").enum
        summaries = calls.paginate(
            "acm",
            "ListCertificates",
            "CertificateSummaryList",
            Includes={"keyTypes": list(key_types)},
        )
        if isinstance(summaries, Unresolved):
            return [self.unlisted(calls, summaries, "acm.certificate")]
        now = datetime.now(UTC)
        resources = []
        for summary in summaries:
            arn = summary["CertificateArn"]
            described = calls.call("acm", "DescribeCertificate", CertificateArn=arn)
            attributes: dict[str, Any] = {
                "CertificateArn": arn,
                "DomainName": summary.get("DomainName"),
            }
            if isinstance(described, Unresolved):
                attributes.update(dict.fromkeys(_DESCRIBED, described))
            else:
                certificate = described.get("Certificate") or {}
                attributes.update(certificate)
                attributes["InUseBy"] = certificate.get("InUseBy") or []
                not_after = certificate.get("NotAfter")
                if isinstance(not_after, datetime):
                    attributes["DaysUntilExpiry"] = (not_after - now).days
            resources.append(make_resource(calls, "acm.certificate", arn, attributes))
        return resources
