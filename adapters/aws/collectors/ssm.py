"""Systems Manager: Parameter Store parameters (never their values), the documents the
account owns with the accounts they are shared with (and, for Session Manager's session
documents, the preferences that decide whether sessions are encrypted, logged and timed out
when idle), and the managed instances with their patch compliance."""

from __future__ import annotations

import json
from typing import Any, ClassVar

import yaml

from adapters.aws.collector import Calls, Collector, make_resource, tags_of
from checker.models import Resource, Unresolved
from checker.yaml_input import check_expansion

#: The document holding the account's Session Manager preferences in a region.
SESSION_PREFERENCES = "SSM-SessionManagerRunShell"


class SsmCollector(Collector):
    """Parameters with their type and KMS key, the documents the account owns, and the
    managed instances, per region.

    Each owned document carries `SharedWith`, the account IDs DescribeDocumentPermission
    lists (`all` when it is public); session documents also carry their parsed `Content`.

    Each managed instance (`ssm.managed_instance`) carries `PatchCompliance`, the summary of
    its last patch scan against its patch baseline (`Status` COMPLIANT or NON_COMPLIANT), or
    no `PatchCompliance` at all when it was never scanned.
    """

    actions: ClassVar[tuple[str, ...]] = (
        "ssm:DescribeParameters",
        "ssm:ListDocuments",
        "ssm:GetDocument",
        "ssm:DescribeDocumentPermission",
        "ssm:DescribeInstanceInformation",
        "ssm:ListResourceComplianceSummaries",
    )
    resource_types: ClassVar[tuple[str, ...]] = (
        "ssm.parameter",
        "ssm.document",
        "ssm.managed_instance",
    )

    def collect(self, calls: Calls) -> list[Resource]:
        return self._parameters(calls) + self._documents(calls) + self._managed_instances(calls)

    def _managed_instances(self, calls: Calls) -> list[Resource]:
        """Every managed instance, with the patch compliance summary of its last scan."""
        instances = calls.paginate("ssm", "DescribeInstanceInformation", "InstanceInformationList")
        if isinstance(instances, Unresolved):
            return [self.unlisted(calls, instances, "ssm.managed_instance")]
        if not instances:
            return []
        summaries = calls.paginate(
            "ssm",
            "ListResourceComplianceSummaries",
            "ResourceComplianceSummaryItems",
            Filters=[{"Key": "ComplianceType", "Values": ["Patch"], "Type": "EQUAL"}],
        )
        patch: dict[str, Any] = (
            {}
            if isinstance(summaries, Unresolved)
            else {str(item.get("ResourceId")): item for item in summaries}
        )
        target = calls.target
        resources = []
        for instance in instances:
            identifier = str(instance["InstanceId"])
            arn = f"arn:aws:ssm:{target.region}:{target.account}:managed-instance/{identifier}"
            attributes = dict(instance)
            compliance = summaries if isinstance(summaries, Unresolved) else patch.get(identifier)
            if compliance is not None:
                attributes["PatchCompliance"] = compliance
            resources.append(make_resource(calls, "ssm.managed_instance", arn, attributes))
        return resources

    def _parameters(self, calls: Calls) -> list[Resource]:
        # DescribeParameters answers with metadata only; GetParameter, which reads values, is
        # deliberately not among the actions.
        parameters = calls.paginate("ssm", "DescribeParameters", "Parameters")
        if isinstance(parameters, Unresolved):
            return [self.unlisted(calls, parameters, "ssm.parameter")]
        return [
            make_resource(calls, "ssm.parameter", self._parameter_arn(calls, item), item)
            for item in parameters
        ]

    @staticmethod
    def _parameter_arn(calls: Calls, item: dict[str, Any]) -> str:
        if item.get("ARN"):
            return str(item["ARN"])
        target, name = calls.target, str(item["Name"])
        return f"arn:aws:ssm:{target.region}:{target.account}:parameter/{name.lstrip('/')}"

    def _documents(self, calls: Calls) -> list[Resource]:
        """The preferences document (as the defaults when it was never saved) and every
        other document the account owns, each with whom it is shared."""
        listed = calls.paginate(
            "ssm",
            "ListDocuments",
            "DocumentIdentifiers",
            Filters=[{"Key": "Owner", "Values": ["Self"]}],
        )
        if isinstance(listed, Unresolved):
            # Whether the preferences document is shared is as unknown as the listing.
            return [
                self._session_document(calls, SESSION_PREFERENCES, {}, shared_with=listed),
                self.unlisted(calls, listed, "ssm.document"),
            ]
        owned = {str(identifier["Name"]): identifier for identifier in listed}
        resources = [
            self._session_document(calls, SESSION_PREFERENCES, owned.get(SESSION_PREFERENCES, {}))
        ]
        for name, identifier in owned.items():
            if name == SESSION_PREFERENCES:
                continue
            if identifier.get("DocumentType") == "Session":
                resources.append(self._session_document(calls, name, identifier))
            else:
                attributes = {**identifier, "SharedWith": _shared_with(calls, name)}
                resources.append(self._document(calls, name, identifier, attributes))
        return resources

    def _session_document(
        self, calls: Calls, name: str, identifier: dict[str, Any], shared_with: Any = None
    ) -> Resource:
        """A session document with its parsed content and, when the account owns it (it was
        listed), with whom it is shared; `shared_with` stands for that when it is unknown."""
        document = calls.call(
            "ssm",
            "GetDocument",
            absent_codes=("InvalidDocument",),
            Name=name,
            DocumentFormat="JSON",
        )
        attributes: dict[str, Any]
        if document is None:
            # Never saved: Session Manager runs with its defaults, no KMS key and no logging.
            attributes = {"Name": name, "DocumentType": "Session"}
        elif isinstance(document, Unresolved):
            attributes = {"Name": name, "DocumentType": "Session", "Content": document}
        else:
            attributes = {k: v for k, v in document.items() if k != "ResponseMetadata"}
            attributes["Content"] = _parsed_content(attributes.get("Content"), attributes, name)
        if identifier:
            attributes["SharedWith"] = _shared_with(calls, name)
        elif shared_with is not None:
            attributes["SharedWith"] = shared_with
        return self._document(calls, name, identifier, attributes)

    @staticmethod
    def _document(
        calls: Calls, name: str, identifier: dict[str, Any], attributes: dict[str, Any]
    ) -> Resource:
        target = calls.target
        arn = f"arn:aws:ssm:{target.region}:{target.account}:document/{name}"
        return make_resource(
            calls, "ssm.document", arn, attributes, tags_of(identifier.get("Tags"))
        )


def _shared_with(calls: Calls, name: str) -> Any:
    """The accounts an owned document is shared with (`all`: every AWS account), or
    `Unresolved` when DescribeDocumentPermission failed."""
    answer = calls.call("ssm", "DescribeDocumentPermission", Name=name, PermissionType="Share")
    if isinstance(answer, Unresolved):
        return answer
    return list(answer.get("AccountIds") or [])


def _parsed_content(content: Any, document: dict[str, Any], name: str) -> Any:
    """The document's content as the structure it holds (asked for as JSON; YAML is read too)."""
    if not isinstance(content, str):
        return Unresolved(f"content of document {name}", "GetDocument returned no content")
    try:
        if document.get("DocumentFormat") == "YAML":
            check_expansion(content)  # a document's aliases must not expand without bound
            parsed = yaml.safe_load(content)
        else:
            parsed = json.loads(content)
    except (ValueError, yaml.YAMLError):
        return Unresolved(f"content of document {name}", "the content could not be parsed")
    if not isinstance(parsed, dict):
        return Unresolved(f"content of document {name}", "the content is not a document")
    return parsed
