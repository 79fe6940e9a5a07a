"""The Access Analyzer collector over recorded responses (moto's server does not implement
Access Analyzer), and the control that wants an active external-access analyzer in every
region."""

from __future__ import annotations

from adapters.aws.collectors.accessanalyzer import AccessAnalyzerCollector
from checker.models import Status
from tests.adapters.aws.conftest import REGIONS, recorded_responses, scan_with, verdicts_of

COLLECTORS = [AccessAnalyzerCollector()]
CONTROL = "gdpr-art32-access-analyzer-active"
ADDRESS = f"123456789012/{REGIONS[0]}/accessanalyzer"


def test_an_active_account_analyzer_passes(endpoint: str) -> None:
    hooks = recorded_responses("accessanalyzer", "accessanalyzer-active")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {ADDRESS: Status.PASS}
    (region,) = snapshot.resources
    assert [a["type"] for a in region.attributes["Analyzers"]] == [
        "ACCOUNT_UNUSED_ACCESS",
        "ACCOUNT",
    ]


def test_only_unused_access_or_failed_analyzers_fail(endpoint: str) -> None:
    hooks = recorded_responses("accessanalyzer", "accessanalyzer-no-external")
    snapshot, report = scan_with(endpoint, COLLECTORS, **hooks)
    assert snapshot.errors == ()
    assert verdicts_of(report, CONTROL) == {ADDRESS: Status.FAIL}


def test_a_denied_list_is_an_error(endpoint: str) -> None:
    hooks = recorded_responses("accessanalyzer", "accessanalyzer-denied")
    _, report = scan_with(endpoint, COLLECTORS, **hooks)
    (result,) = [r for r in report.results if r.control.id == CONTROL]
    (finding,) = result.findings
    assert finding.status is Status.ERROR
    assert "access-analyzer:ListAnalyzers" in finding.message
