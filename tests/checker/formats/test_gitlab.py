"""GitLab code quality: the fields the merge request widget reads, SARIF's fingerprints."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator

from checker.formats import FORMATS
from checker.formats.base import FormatSettings
from checker.formats.gitlab import GitlabFormat
from checker.formats.sarif import SarifFormat
from checker.models import Location, Status
from checker.results import Report
from tests.checker.formats.synthetic import ACCOUNT, graded_report, located_report, with_baseline
from tests.conftest import DATA

SCHEMA = json.loads(
    (DATA / "formats" / "gitlab-code-quality.schema.json").read_text(encoding="utf-8")
)


def issues(report: Report, **settings: Any) -> list[dict[str, Any]]:
    stream = io.StringIO()
    GitlabFormat(FormatSettings(**settings)).write(report, stream)
    data: list[dict[str, Any]] = json.loads(stream.getvalue())
    assert sorted(Draft7Validator(SCHEMA).iter_errors(data), key=str) == []
    return data


def test_the_format_is_registered() -> None:
    assert FORMATS["gitlab"] is GitlabFormat


def test_one_issue_per_failing_or_erroring_finding_and_source_error(report: Report) -> None:
    found = issues(with_baseline(report))
    expected = sum(
        1 for r in report.results for f in r.findings if f.status in (Status.FAIL, Status.ERROR)
    )
    baselined = sum(1 for r in report.results for f in r.findings if f.status is Status.FAIL)
    baselined -= sum(
        1 for r in with_baseline(report).results for f in r.findings if f.status is Status.FAIL
    )
    assert baselined > 0
    assert len(found) == expected - baselined + len(report.errors)
    assert len({issue["fingerprint"] for issue in found}) == len(found)
    rds = next(i for i in issues(report) if i["check_name"] == "pci-1.4.4-rds-not-public")
    assert rds["severity"] == "blocker"
    assert rds["location"] == {
        "path": "examples/terraform/insecure/data.tf",
        "lines": {"begin": 6},
    }
    assert "aws_db_instance.payments" in rds["description"]


def test_fingerprints_are_sarifs(report: Report) -> None:
    stream = io.StringIO()
    SarifFormat().write(report, stream)
    sarif = json.loads(stream.getvalue())["runs"][0]["results"]
    known = {r["partialFingerprints"]["assaymark/v1"] for r in sarif}
    assert {issue["fingerprint"] for issue in issues(report)} <= known


def test_severities_map_to_gitlabs() -> None:
    severity = {i["check_name"]: i["severity"] for i in issues(graded_report())}
    assert sorted(severity.values()) == sorted(["blocker", "critical", "major", "minor", "info"])
    assert severity["test-synthetic-000"] == "blocker"
    assert severity["test-synthetic-004"] == "info"


def test_paths_are_relative_to_the_repository_and_findings_without_a_file_at_the_anchor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "infra").mkdir()
    monkeypatch.chdir(tmp_path / "infra")
    report = located_report(Location("main.tf", 4), ACCOUNT)
    paths = [i["location"] for i in issues(report, repository_root=tmp_path, anchor="../ci.yaml")]
    assert paths == [
        {"path": "infra/main.tf", "lines": {"begin": 4}},
        {"path": "ci.yaml", "lines": {"begin": 1}},
        {"path": "ci.yaml", "lines": {"begin": 1}},
    ]


def test_findings_without_a_file_fall_back_to_the_policy_file(report: Report) -> None:
    live = [i for i in issues(report) if "arn:aws:s3:::pay-statements" in i["description"]]
    assert {i["location"]["path"] for i in live} >= {"tests/data/policies/live/live-bucket.yaml"}


def test_max_results_and_min_severity_bound_the_issues() -> None:
    assert len(issues(graded_report(), max_results=3)) == 3
    kept = issues(graded_report(), min_severity="medium")
    assert {i["check_name"] for i in kept} == {
        "test-synthetic-000",
        "test-synthetic-001",
        "test-synthetic-002",
    }
