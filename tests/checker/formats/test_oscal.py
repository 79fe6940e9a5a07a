"""OSCAL assessment results: valid against NIST's schema, with observations and waivers."""

from __future__ import annotations

import io
import json
from typing import Any

from jsonschema import Draft7Validator

from checker.formats.oscal import OscalFormat
from checker.results import Report
from tests.checker.formats.synthetic import with_baseline
from tests.conftest import DATA


def oscal_schema() -> dict[str, Any]:
    text = (DATA / "schemas" / "oscal_assessment-results_schema.json").read_text(encoding="utf-8")
    # Python's `re` has no \p{...} classes; these are their equivalents (see the schemas README).
    text = text.replace("\\\\p{L}", "[^\\\\W\\\\d_]").replace("\\\\p{N}", "\\\\d")
    schema: dict[str, Any] = json.loads(text)
    return schema


def render(report: Report) -> dict[str, Any]:
    stream = io.StringIO()
    OscalFormat().write(report, stream)
    data: dict[str, Any] = json.loads(stream.getvalue())
    return data


def test_oscal_validates_against_the_schema(report: Report) -> None:
    document = render(report)
    validator = Draft7Validator(oscal_schema(), format_checker=Draft7Validator.FORMAT_CHECKER)
    assert sorted(validator.iter_errors(document), key=str) == []


def test_a_finding_per_control_and_an_observation_per_resource(report: Report) -> None:
    (result,) = render(report)["assessment-results"]["results"]
    assert len(result["findings"]) == len(report.results)
    assert len(result["observations"]) == sum(len(r.findings) for r in report.results)
    rds = next(
        f for f in result["findings"] if f["target"]["target-id"] == "pci-1.4.4-rds-not-public"
    )
    assert rds["target"]["status"]["state"] == "not-satisfied"
    assert {"name": "framework-requirement", "value": "pci-dss-4.0 1.4.4"} in rds["props"]


def test_waivers_are_stated(report: Report) -> None:
    (result,) = render(report)["assessment-results"]["results"]
    waived = [o for o in result["observations"] if "remarks" in o]
    assert any("RISK-9" in o["remarks"] and "cso@example.com" in o["remarks"] for o in waived)


def test_the_same_report_gives_the_same_document(report: Report) -> None:
    assert render(report) == render(report)


def test_baselined_controls_are_not_satisfied_with_a_remark(report: Report) -> None:
    document = render(with_baseline(report))
    validator = Draft7Validator(oscal_schema(), format_checker=Draft7Validator.FORMAT_CHECKER)
    assert sorted(validator.iter_errors(document), key=str) == []
    (result,) = document["assessment-results"]["results"]
    rds = next(
        f for f in result["findings"] if f["target"]["target-id"] == "pci-1.4.4-rds-not-public"
    )
    assert rds["target"]["status"]["state"] == "not-satisfied"
    assert "baseline" in rds["target"]["status"]["remarks"]
    observed = [
        o
        for o in result["observations"]
        if {"name": "assessment-status", "value": "baselined"} in o["props"]
    ]
    assert observed and all("In the baseline" in o["remarks"] for o in observed)
