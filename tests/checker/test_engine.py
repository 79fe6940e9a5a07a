"""Evaluation: scope, applicability, suppression, roll-up and exit codes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from checker.engine import evaluate
from checker.models import Location, Reference, Resource, Snapshot, SourceError, Status, Suppression
from checker.models import Unresolved as U
from checker.policy import Control, load_controls
from checker.waivers import Waiver
from tests.conftest import DATA

CONTROLS = {control.id: control for control in load_controls([DATA / "policies" / "valid"])}


def bucket(name: str, tags: Any = None, **attributes: Any) -> Resource:
    return Resource(
        "terraform",
        "aws_s3_bucket",
        f"aws_s3_bucket.{name}",
        {"bucket": name, **attributes},
        Location("main.tf", 1),
        tags=tags or {},
    )


def versioning(name: str, status: Any) -> Resource:
    return Resource(
        "terraform",
        "aws_s3_bucket_versioning",
        f"aws_s3_bucket_versioning.{name}",
        {
            "bucket": Reference(f"aws_s3_bucket.{name}", "id"),
            "versioning_configuration": [{"status": status}],
        },
        Location("main.tf", 9),
    )


def run(control: Control, *resources: Resource, errors: tuple[SourceError, ...] = ()) -> Any:
    return evaluate([control], [Snapshot("terraform", resources, errors)])


def test_a_bucket_passes_only_with_its_related_versioning_resource() -> None:
    control = CONTROLS["test-s3-versioning"]
    report = run(control, bucket("a"), versioning("a", "Enabled"), bucket("b"))
    (result,) = report.results
    statuses = {finding.resource: finding.status for finding in result.findings}
    assert statuses == {"aws_s3_bucket.a": Status.PASS, "aws_s3_bucket.b": Status.FAIL}
    assert result.status is Status.FAIL
    failing = next(f for f in result.findings if f.status is Status.FAIL)
    assert failing.message.startswith("versioning is not enabled: no aws_s3_bucket_versioning")
    assert report.exit_code == 1


def test_an_unresolved_value_is_an_error_showing_the_expression_never_a_pass() -> None:
    control = CONTROLS["test-s3-versioning"]
    report = run(control, bucket("a"), versioning("a", U("var.mode", "no value given")))
    (finding,) = report.results[0].findings
    assert finding.status is Status.ERROR
    assert "`var.mode`" in finding.message
    assert report.exit_code == 3


def test_scope_by_tags_and_not_applicable() -> None:
    control = CONTROLS["test-scoped-encryption"]
    report = run(control, bucket("public", {"DataClassification": "public"}))
    assert report.results[0].status is Status.NOT_APPLICABLE
    assert report.exit_code == 0
    report = run(control, bucket("cards", {"DataClassification": "cardholder"}), bucket("x"))
    assert [f.resource for f in report.results[0].findings] == ["aws_s3_bucket.cards"]
    report = run(control, bucket("unknown", U("local.tags", "no value")))
    assert report.results[0].status is Status.ERROR


def test_a_resource_that_could_not_be_expanded_is_an_error() -> None:
    control = CONTROLS["test-s3-versioning"]
    many = Resource(
        "terraform",
        "aws_s3_bucket",
        "aws_s3_bucket.many",
        {},
        Location("m.tf", 3),
        unresolved=U("var.count", "no value given"),
    )
    (finding,) = run(control, many).results[0].findings
    assert finding.status is Status.ERROR
    assert "var.count" in finding.message


def test_an_inline_skip_waives_a_failure_with_its_reason() -> None:
    control = CONTROLS["test-s3-versioning"]
    skipped = Resource(
        "terraform",
        "aws_s3_bucket",
        "aws_s3_bucket.tmp",
        {"bucket": "tmp"},
        Location("main.tf", 1),
        suppressions=(
            Suppression("test-s3-versioning", "scratch bucket, ticket PAY-1", Location()),
        ),
    )
    report = run(control, skipped)
    (finding,) = report.results[0].findings
    assert finding.status is Status.WAIVED
    assert finding.waiver is not None
    assert finding.waiver.reason == "scratch bucket, ticket PAY-1"
    assert report.results[0].status is Status.WAIVED
    assert report.exit_code == 0


def test_roll_up_is_the_worst_finding_and_errors_win_the_exit_code() -> None:
    control = CONTROLS["test-s3-versioning"]
    report = run(control, bucket("a"), bucket("b"), versioning("b", U("var.x", "no value")))
    assert report.results[0].status is Status.ERROR
    assert report.exit_code == 3


def test_source_errors_make_the_exit_code_3_even_when_controls_pass() -> None:
    control = CONTROLS["test-s3-versioning"]
    error = SourceError("terraform", "not valid HCL", Location("broken.tf", 3))
    report = run(control, bucket("a"), versioning("a", "Enabled"), errors=(error,))
    assert report.results[0].status is Status.PASS
    assert report.exit_code == 3
    assert report.to_dict()["errors"] == [
        {
            "source": "terraform",
            "message": "not valid HCL",
            "location": {"file": "broken.tf", "line": 3},
        }
    ]


def test_manual_controls_and_controls_for_other_sources() -> None:
    report = evaluate(list(CONTROLS.values()), [Snapshot("aws", ())])
    assert [(r.control.id, r.status) for r in report.results] == [
        ("test-manual-review", Status.MANUAL)
    ]


def waiver(expires: str, resource: str = "aws_s3_bucket.*") -> Waiver:
    return Waiver(
        "test-s3-versioning",
        resource,
        "scratch data, rebuilt nightly",
        "cso@example.com",
        "RISK-7",
        date.fromisoformat(expires),
    )


def test_a_waiver_in_force_waives_a_failure_and_an_expired_one_does_not() -> None:
    control = CONTROLS["test-s3-versioning"]
    snapshot = Snapshot("terraform", (bucket("a"),))
    today = date(2026, 11, 22)
    waived = evaluate([control], [snapshot], waivers=[waiver("2026-11-22")], as_of=today)
    (finding,) = waived.results[0].findings
    assert finding.status is Status.WAIVED
    assert waived.to_dict()["waivers"][0]["status"] == "applied"
    assert waived.exit_code == 0
    lapsed = evaluate([control], [snapshot], waivers=[waiver("2026-11-21")], as_of=today)
    (finding,) = lapsed.results[0].findings
    assert finding.status is Status.FAIL
    assert finding.waiver is not None and finding.waiver.expired
    assert lapsed.to_dict()["waivers"][0]["status"] == "expired"
    assert lapsed.exit_code == 1


def test_waivers_never_hide_errors_and_match_by_pattern() -> None:
    control = CONTROLS["test-s3-versioning"]
    resources = (bucket("a"), versioning("a", U("var.x", "no value")), bucket("b"))
    report = evaluate(
        [control],
        [Snapshot("terraform", resources)],
        waivers=[waiver("2030-01-01", "aws_s3_bucket.a")],
        as_of=date(2026, 1, 1),
    )
    statuses = {f.resource: f.status for f in report.results[0].findings}
    assert statuses == {"aws_s3_bucket.a": Status.ERROR, "aws_s3_bucket.b": Status.FAIL}
    assert report.to_dict()["waivers"][0]["status"] == "unused"


def test_messages_and_source_errors_never_quote_a_secret() -> None:
    control = CONTROLS["test-s3-versioning"]
    error = SourceError("terraform", "unexpected 'password=hunter2-canary'", Location("x.tf", 1))
    report = run(control, bucket("a"), errors=(error,))
    assert "hunter2-canary" not in str(report.to_dict())


def test_workers_evaluate_as_one_process_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Namespaces (root modules) are evaluated in forked workers when there are many
    resources; the report is the one a single process gives, finding for finding."""
    import shutil

    from adapters.terraform import TerraformAdapter
    from checker import engine
    from tests.conftest import REPO

    for name in ("insecure", "compliant"):
        shutil.copytree(REPO / "examples" / "terraform" / name, tmp_path / name)
    shutil.copytree(DATA / "terraform" / "focus", tmp_path / "focus")
    monkeypatch.chdir(tmp_path)
    snapshot = TerraformAdapter([Path()]).collect()
    assert len({resource.namespace for resource in snapshot.resources}) >= 4
    library = load_controls([DATA.parent.parent / "policies"])
    monkeypatch.setenv("ASSAYMARK_WORKERS", "1")
    alone = evaluate(library, [snapshot], started=datetime(2026, 12, 1, tzinfo=UTC))
    monkeypatch.setenv("ASSAYMARK_WORKERS", "2")
    monkeypatch.setattr(engine, "PARALLEL_FROM", 0)
    shared = evaluate(library, [snapshot], started=datetime(2026, 12, 1, tzinfo=UTC))
    assert shared.results == alone.results
    assert shared.errors == alone.errors
