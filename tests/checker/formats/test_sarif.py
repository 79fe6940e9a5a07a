"""SARIF: valid against the OASIS schema, located, fingerprinted, severities and tags."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from checker.errors import UsageError
from checker.formats.base import FormatSettings
from checker.formats.sarif import SarifFormat
from checker.models import Location
from checker.results import Report
from tests.checker.formats.synthetic import ACCOUNT, graded_report, located_report, with_baseline
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


def sarif(report: Report, **settings: Any) -> dict[str, Any]:
    stream = io.StringIO()
    SarifFormat(FormatSettings(**settings)).write(report, stream)
    data: dict[str, Any] = json.loads(stream.getvalue())
    assert sorted(Draft4Validator(SCHEMA).iter_errors(data), key=str) == []
    return data


def uris(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        result.get("properties", {}).get("resource", result["ruleId"]): result["locations"][0][
            "physicalLocation"
        ]["artifactLocation"]
        for result in run["results"]
    }


def test_uris_are_relative_to_the_repository_root_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = tmp_path / "repo"
    (repository / "infra").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(repository / "infra")
    report = located_report(
        Location("main.tf", 3),
        Location(str(repository / "modules" / "bucket.tf"), 1),
        Location("../../elsewhere/shared.tf", 2),
        Location(str(tmp_path / "elsewhere" / "abs.tf"), 2),
        ACCOUNT,
    )
    (run,) = sarif(report, repository_root=repository, anchor="assaymark.yaml")["runs"]
    located = uris(run)
    assert located["aws_s3_bucket.r0"] == {"uri": "infra/main.tf", "uriBaseId": "%SRCROOT%"}
    assert located["aws_s3_bucket.r1"] == {"uri": "modules/bucket.tf", "uriBaseId": "%SRCROOT%"}
    # Outside the repository: relative to the working folder, without the repository's base.
    assert located["aws_s3_bucket.r2"] == {"uri": "../../elsewhere/shared.tf"}
    assert located["aws_s3_bucket.r3"] == {"uri": "../../elsewhere/abs.tf"}
    # Without a file: the anchor (the configuration file), for findings and source errors.
    assert located["aws_s3_bucket.r4"] == {"uri": "assaymark.yaml", "uriBaseId": "%SRCROOT%"}
    assert located["assaymark-source-error"] == located["aws_s3_bucket.r4"]
    base = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
    assert base == repository.resolve().as_uri() + "/"


def test_without_a_repository_root_paths_stay_as_shown(report: Report) -> None:
    (run,) = sarif(report)["runs"]
    assert "originalUriBaseIds" not in run
    located = uris(run)
    assert located["aws_db_instance.payments"] == {"uri": "examples/terraform/insecure/data.tf"}


def test_uris_are_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (run,) = sarif(located_report(Location("my infra/main.tf", 1)), repository_root=tmp_path)[
        "runs"
    ]
    assert uris(run)["aws_s3_bucket.r0"]["uri"] == "my%20infra/main.tf"


def test_max_results_keeps_failing_and_erroring_first_then_the_most_severe() -> None:
    full = sarif(graded_report())["runs"][0]
    (run,) = sarif(graded_report(), max_results=7)["runs"]
    kept = [r["properties"]["resource"] for r in run["results"]]
    assert sorted(kept) == sorted(
        [
            "critical-error",
            "high-error",
            "medium-error",
            "low-error",
            "info-error",
            "critical-fail",
            "high-fail",
        ]
    )
    assert run["properties"]["omittedResults"] == len(full["results"]) - 7
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert f"{len(full['results']) - 7} result(s) left out" in notification["message"]["text"]
    assert "over --max-results 7" in notification["message"]["text"]
    fingerprints = {r["properties"]["resource"]: r["partialFingerprints"] for r in full["results"]}
    for result in run["results"]:
        assert result["partialFingerprints"] == fingerprints[result["properties"]["resource"]]


def test_accepted_findings_are_listed_last() -> None:
    (run,) = sarif(graded_report(), max_results=12)["runs"]
    kept = {r["properties"]["resource"] for r in run["results"]}
    assert {"critical-baselined", "high-baselined"} <= kept
    assert not any(resource.endswith("-waived") for resource in kept)


def test_min_severity_leaves_out_the_less_severe_and_says_so() -> None:
    (run,) = sarif(graded_report(), min_severity="high")["runs"]
    kept = {r["properties"]["resource"].split("-")[0] for r in run["results"]}
    assert kept == {"critical", "high"}
    assert run["properties"]["omittedResults"] == 3 * 4
    text = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
    assert "12 below --min-severity high" in text


def test_an_unknown_min_severity_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="--min-severity severe"):
        sarif(graded_report(), min_severity="severe")


def test_baselined_findings_are_suppressed_externally_and_unused_waivers_noted(
    report: Report,
) -> None:
    (run,) = sarif(with_baseline(report))["runs"]
    baselined = [r for r in run["results"] if r.get("properties", {}).get("status") == "baselined"]
    assert baselined
    for result in baselined:
        assert result["suppressions"] == [{"kind": "external", "justification": "in the baseline"}]
    notes = [n["message"]["text"] for n in run["invocations"][0]["toolExecutionNotifications"]]
    assert any("aws_db_instance.retired" in note and "RISK-404" in note for note in notes)
    assert "properties" not in run
