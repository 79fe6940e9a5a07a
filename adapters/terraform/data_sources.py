"""Data sources that Terraform computes from their arguments alone, without asking a provider:
`aws_iam_policy_document` (with its source and override documents), `template_file` and
`cloudinit_config`."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from adapters.terraform.expressions import Context, Evaluator, ModuleScope
from adapters.terraform.hcl import SourceFile
from adapters.terraform.values import (
    EvalFailure,
    as_unresolved,
    carry_sensitivity,
    deep_unknown,
    is_unknown,
)
from checker.models import Unresolved


def policy_document(values: dict[str, Any]) -> Any:
    """What an `aws_iam_policy_document` renders: JSON, or a structure if parts are unknown.

    Statements of `source_policy_documents` come first; a statement of this document, then of
    `override_policy_documents`, replaces the one before it with the same `sid`, as the
    provider merges them.
    """
    merged: list[Any] = []
    for name in ("source_json", "source_policy_documents"):
        found = _documents_statements(values.get(name), name)
        if not isinstance(found, list):
            return found
        merged = _override(merged, found)
    own = values.get("statement", [])
    if is_unknown(own):
        return as_unresolved(own)
    merged = _override(merged, [_statement(statement) for statement in own])
    for name in ("override_json", "override_policy_documents"):
        found = _documents_statements(values.get(name), name)
        if not isinstance(found, list):
            return found
        merged = _override(merged, found)
    document = {"Version": values.get("version", "2012-10-17"), "Statement": merged}
    if deep_unknown(document) is not None:
        return document
    return json.dumps(document)


def _statement(statement: dict[str, Any]) -> dict[str, Any]:
    rendered: dict[str, Any] = {"Effect": statement.get("effect", "Allow")}
    if "sid" in statement:
        rendered["Sid"] = statement["sid"]
    for argument, key in (
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ):
        if argument in statement:
            rendered[key] = statement[argument]
    for argument, key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        principals = statement.get(argument)
        if principals is None:
            continue
        if is_unknown(principals):
            rendered[key] = as_unresolved(principals)
            continue
        rendered[key] = {p.get("type"): p.get("identifiers") for p in principals}
    conditions = statement.get("condition")
    if is_unknown(conditions):
        rendered["Condition"] = as_unresolved(conditions)
    elif conditions:
        tests: dict[str, Any] = {}
        for condition in conditions:
            test = tests.setdefault(str(condition.get("test")), {})
            test[str(condition.get("variable"))] = condition.get("values")
        rendered["Condition"] = tests
    return rendered


def _documents_statements(documents: Any, argument: str) -> list[Any] | Unresolved:
    """The statements of policy documents given as JSON text (or rendered structures)."""
    if documents is None:
        return []
    if is_unknown(documents):
        return as_unresolved(documents)
    statements: list[Any] = []
    for document in documents if isinstance(documents, list) else [documents]:
        if is_unknown(document):
            return as_unresolved(document)
        if isinstance(document, str):
            try:
                document = json.loads(document)
            except ValueError:
                return EvalFailure(argument, "holds a document that is not JSON")
        found = document.get("Statement", []) if isinstance(document, dict) else None
        if is_unknown(found):
            return as_unresolved(found)
        if isinstance(found, dict):
            found = [found]
        if not isinstance(found, list):
            return EvalFailure(argument, "holds a document that is not a policy")
        statements.extend(found)
    return statements


def _override(statements: list[Any], later: list[Any]) -> list[Any]:
    """`statements` with each of `later` replacing the one of the same Sid, or appended."""
    result = list(statements)
    for statement in later:
        sid = statement.get("Sid") if isinstance(statement, dict) else None
        same = [
            i for i, s in enumerate(result) if sid and isinstance(s, dict) and s.get("Sid") == sid
        ]
        if same:
            result[same[0]] = statement
        else:
            result.append(statement)
    return result


def _rendered_policy_document(
    evaluator: Evaluator, module: ModuleScope, values: dict[str, Any]
) -> Any:
    document = carry_sensitivity([values], policy_document(values))
    return {"json": document, "minified_json": document}


def _rendered_template(evaluator: Evaluator, module: ModuleScope, values: dict[str, Any]) -> Any:
    template, names = values.get("template"), values.get("vars", {})
    for part in (template, names):
        if is_unknown(part):
            return {"rendered": as_unresolved(part)}
    if not isinstance(template, str) or not isinstance(names, dict):
        return {"rendered": EvalFailure("template_file", "needs a template string and vars map")}
    context = Context(module, dict(names))
    rendered = evaluator.template(template, _TEMPLATE_FILE, context)
    return {"rendered": carry_sensitivity([template, names], rendered), "template": template}


def _rendered_cloudinit(evaluator: Evaluator, module: ModuleScope, values: dict[str, Any]) -> Any:
    """The MIME multi-part archive the cloudinit provider writes: its framing (headers in Go's
    sorted order, CRLF lines), then base64 unless `base64_encode = false`."""
    settings = [values.get(name) for name in ("gzip", "base64_encode", "boundary")]
    unknown = next((value for value in [*settings, values.get("part")] if is_unknown(value)), None)
    if unknown is not None:
        return {"rendered": as_unresolved(unknown)}
    gzip, encode, boundary = settings
    if gzip is not False:
        why = "gzip-compressed by the cloudinit provider, whose bytes assaymark does not reproduce"
        return {"rendered": Unresolved("data cloudinit_config rendered", why, not_null=True)}
    boundary = boundary or "MIMEBOUNDARY"
    pieces: list[Any] = [f'Content-Type: multipart/mixed; boundary="{boundary}"\n']
    pieces.append("MIME-Version: 1.0\r\n\r\n")
    for number, part in enumerate(values.get("part", [])):
        headers = {
            "Content-Type": part.get("content_type") or "text/plain",
            "Mime-Version": "1.0",
            "Content-Transfer-Encoding": "7bit",
        }
        if part.get("filename"):
            headers["Content-Disposition"] = f'attachment; filename="{part["filename"]}"'
        if part.get("merge_type"):
            headers["X-Merge-Type"] = part["merge_type"]
        if any(is_unknown(value) for value in headers.values()):
            return {"rendered": Unresolved("data cloudinit_config part", "its headers are unknown")}
        lines = "".join(f"{name}: {headers[name]}\r\n" for name in sorted(headers))
        pieces.append(("\r\n" if number else "") + f"--{boundary}\r\n{lines}\r\n")
        pieces.append(part.get("content") or "")
    pieces.append(f"\r\n--{boundary}--\r\n")
    missing = next((piece for piece in pieces if is_unknown(piece)), None)
    if missing is not None:
        return {"rendered": as_unresolved(missing)}
    archive = "".join(pieces)
    if encode is not False:
        archive = base64.b64encode(archive.encode("utf-8")).decode("ascii")
    return {"rendered": carry_sensitivity(pieces, archive, verbatim=encode is False)}


#: Data sources that Terraform computes from their arguments alone, without asking a provider.
RENDERED_DATA_SOURCES: dict[str, Callable[[Evaluator, ModuleScope, dict[str, Any]], Any]] = {
    "aws_iam_policy_document": _rendered_policy_document,
    "cloudinit_config": _rendered_cloudinit,
    "template_file": _rendered_template,
}
_TEMPLATE_FILE = SourceFile(Path("template_file"), "template_file", "")


# Partitions by the prefix of their regions' names, with their DNS suffix and its reverse;
# every other region is in `aws`.
_PARTITIONS = (
    ("cn-", "aws-cn", "amazonaws.com.cn", "cn.com.amazonaws"),
    ("us-gov-", "aws-us-gov", "amazonaws.com", "com.amazonaws"),
    ("us-isob-", "aws-iso-b", "sc2s.sgov.gov", "gov.sgov.sc2s"),
    ("us-isof-", "aws-iso-f", "csp.hci.ic.gov", "gov.ic.hci.csp"),
    ("us-iso-", "aws-iso", "c2s.ic.gov", "gov.ic.c2s"),
    ("eu-isoe-", "aws-iso-e", "cloud.adc-e.uk", "uk.adc-e.cloud"),
    ("eusc-", "aws-eusc", "amazonaws.eu", "eu.amazonaws"),
)
_REGION_NAME = re.compile(r"[a-z]{2,4}(?:-[a-z]+)+-\d+")


def _partition_of(region: str) -> tuple[str, str, str]:
    for prefix, partition, dns_suffix, reverse in _PARTITIONS:
        if region.startswith(prefix):
            return partition, dns_suffix, reverse
    return "aws", "amazonaws.com", "com.amazonaws"


def _known_region(region: Any, address: str) -> str | Unresolved:
    if isinstance(region, Unresolved):
        return Unresolved(address, f"read from its provider's region, not known: {region.reason}")
    if not isinstance(region, str) or not _REGION_NAME.fullmatch(region):
        return Unresolved(address, "read from its provider's region, which is not a region name")
    return region


def _described_partition(values: dict[str, Any], region: Any) -> Any:
    known = _known_region(region, "data.aws_partition")
    if isinstance(known, Unresolved):
        return known
    partition, dns_suffix, reverse = _partition_of(known)
    return {
        "id": partition,
        "partition": partition,
        "dns_suffix": dns_suffix,
        "reverse_dns_prefix": reverse,
    }


def _described_region(values: dict[str, Any], region: Any) -> Any:
    known = _known_region(region, "data.aws_region")
    if isinstance(known, Unresolved):
        return known
    _partition, dns_suffix, _reverse = _partition_of(known)
    return {
        "id": known,
        "name": known,
        "region": known,
        "endpoint": f"ec2.{known}.{dns_suffix}",
        "description": Unresolved(
            "data.aws_region.description", "read from the provider when planning"
        ),
    }


#: Data sources the AWS provider answers from its own configuration (its region) without a
#: call: the partition and the region, with which ARNs and endpoints are written.
PROVIDER_DATA_SOURCES: dict[str, Callable[[dict[str, Any], Any], Any]] = {
    "aws_partition": _described_partition,
    "aws_region": _described_region,
}
