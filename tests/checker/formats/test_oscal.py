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


def test_attestations_are_observations_with_their_evidence_hashed_in_back_matter() -> None:
    import datetime as dt

    from checker.attestations import load_attestations
    from checker.engine import evaluate
    from checker.library import builtin_policy_dir
    from checker.models import Snapshot
    from checker.policy import load_controls

    library = {control.id: control for control in load_controls([builtin_policy_dir()])}
    chosen = [
        library["pci-12.10.1-incident-response-plan"],
        library["pci-12.6.1-security-awareness-program"],
    ]
    attestations = load_attestations(DATA / "attestations" / "attestations.yaml")
    report = evaluate(
        chosen, [Snapshot("terraform", ())], as_of=dt.date(2026, 12, 4), attestations=attestations
    )
    document = render(report)
    validator = Draft7Validator(oscal_schema(), format_checker=Draft7Validator.FORMAT_CHECKER)
    assert sorted(validator.iter_errors(document), key=str) == []
    (result,) = document["assessment-results"]["results"]
    plan = next(
        f
        for f in result["findings"]
        if f["target"]["target-id"] == "pci-12.10.1-incident-response-plan"
    )
    assert plan["target"]["status"] == {
        "state": "satisfied",
        "reason": "pass",
        "remarks": "Attested by a person; see the observations.",
    }
    (observed,) = [o for o in result["observations"] if "Dana Whitfield" in o["title"]]
    assert observed["methods"] == ["EXAMINE", "INTERVIEW"]
    resources = document["assessment-results"]["back-matter"]["resources"]
    hrefs = {e["href"].lstrip("#") for e in observed["relevant-evidence"]}
    linked = [r for r in resources if r["uuid"] in hrefs]
    assert [r["title"] for r in linked] == ["ir-plan-v7.txt", "tabletop-2026-10.txt"]
    assert linked[0]["rlinks"][0]["hashes"][0]["algorithm"] == "SHA-256"
    lapsed = next(o for o in result["observations"] if "Sam Okafor" in o["title"])
    assert "has expired" in lapsed["remarks"]
