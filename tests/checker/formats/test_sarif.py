"""SARIF: valid against the OASIS schema, located, fingerprinted, severities and tags."""

from __future__ import annotations

import io
import json
from typing import Any

from jsonschema import Draft4Validator

from checker.formats.sarif import SarifFormat
from checker.results import Report
from tests.conftest import DATA

SCHEMA = json.loads((DATA / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def render(report: Report) -> dict[str, Any]:
    stream = io.StringIO()
    SarifFormat().write(report, stream)
    data: dict[str, Any] = json.loads(stream.getvalue())
    return data


def test_sarif_validates_against_the_schema(report: Report) -> None:
    errors = sorted(Draft4Validator(SCHEMA).iter_errors(render(report)), key=str)
    assert errors == []


def test_every_result_has_a_physical_location(report: Report) -> None:
    (run,) = render(report)["runs"]
    assert run["results"]
    for result in run["results"]:
        physical = result["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"]
        assert physical["region"]["startLine"] >= 1


def test_findings_without_a_file_are_anchored_to_the_policy_file(report: Report) -> None:
    (run,) = render(report)["runs"]
    live = [
        r
        for r in run["results"]
        if r.get("properties", {}).get("resource", "").startswith("arn:aws:s3")
    ]
    assert live
    for result in live:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        expected = (
            "tests/data/policies/live/live-bucket.yaml"
            if result["ruleId"] == "test-live-bucket-versioning"
            else f"policies/{result['ruleId']}.yaml"
        )
        assert uri == expected


def test_rules_carry_severity_and_requirements_and_results_are_stable(report: Report) -> None:
    first, second = render(report), render(report)
    rules = {rule["id"]: rule for rule in first["runs"][0]["tool"]["driver"]["rules"]}
    rds = rules["pci-1.4.4-rds-not-public"]
    assert rds["properties"]["security-severity"] == "9.5"
    assert "pci-dss-4.0:1.4.4" in rds["properties"]["tags"]
    fingerprints = [r["partialFingerprints"] for r in first["runs"][0]["results"]]
    assert fingerprints == [r["partialFingerprints"] for r in second["runs"][0]["results"]]
    assert len({f["assaymark/v1"] for f in fingerprints}) == len(fingerprints)


def test_waived_findings_are_suppressed_and_source_errors_reported(report: Report) -> None:
    (run,) = render(report)["runs"]
    waived = [r for r in run["results"] if r.get("properties", {}).get("status") == "waived"]
    assert waived and waived[0]["suppressions"][0]["justification"]
    errors = [r for r in run["results"] if r["ruleId"] == "assaymark-source-error"]
    assert errors[0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert run["invocations"][0]["executionSuccessful"] is False
