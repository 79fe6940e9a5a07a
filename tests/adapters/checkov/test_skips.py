"""checkov's skip comments waive the findings of the controls that take the skipped check, with
checkov's reason, as an inline `assaymark:skip=` does; a skip without a reason waives nothing
and is an error at its line. Recorded from checkov 3.3.30 on tests/data/checkov/skips (the real
checkov runs on it in test_checkov_installed.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.checkov import CheckovAdapter, with_checkov_skips, with_native_tags
from adapters.checkov.skips import find_skip, read_skip, skipped_checks
from adapters.terraform import TerraformAdapter
from checker.cli.selection import check_suppressions
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Location, Resource, Snapshot, SourceError, Status, Suppression
from checker.policy import load_controls
from tests.conftest import DATA, Run

FAKE = DATA / "checkov" / "fake"
SKIPS = DATA / "checkov" / "skips"
SHOWN = "tests/data/checkov/skips/main.tf"
LOGGING = "pci-10.2.1-s3-access-logging"  # takes CKV_AWS_18
VERSIONING = "pci-10.3.3-s3-versioning"  # takes CKV_AWS_21


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("  #checkov:skip=CKV_AWS_18:logs go to the trail", "logs go to the trail"),
        ("  # checkov:skip=CKV_AWS_18: logs go to the trail  ", "logs go to the trail"),
        ('  bucket = "b" // checkov:skip=CKV_AWS_18:logs go to the trail', "logs go to the trail"),
        ("  /* checkov:skip=CKV_AWS_18:logs go to the trail */", "logs go to the trail"),
        ("  #bridgecrew:skip=CKV_AWS_18:logs go to the trail", "logs go to the trail"),
        ("  #checkov:skip=CKV_AWS_21,CKV_AWS_18:logs: to the trail", "logs: to the trail"),
        ("  #checkov:skip=CKV_AWS_18", ""),
        ("  #checkov:skip=CKV_AWS_18:", ""),
        ("  #checkov:skip=CKV_AWS_18:   ", ""),
    ],
)
def test_a_skip_comment_is_read_as_checkov_reads_it(line: str, reason: str) -> None:
    lines = ['resource "aws_s3_bucket" "b" {', line, "}"]
    skip = find_skip(lines, 1, 3, "CKV_AWS_18")
    assert skip is not None
    assert (skip.line, skip.reason) == (2, reason)


@pytest.mark.parametrize(
    "lines",
    [
        # Another check, one whose id starts the same, and lines outside the block's inside.
        ["resource {", "  #checkov:skip=CKV_AWS_21:versioned elsewhere", "}"],
        ["resource {", "  #checkov:skip=CKV_AWS_180:another check", "}"],
        ["resource { #checkov:skip=CKV_AWS_18:on the first line", "  x = 1", "}"],
        ["resource {", "  x = 1", "} #checkov:skip=CKV_AWS_18:on the last line"],
        ["resource {", "  # assaymark:skip=pci-10.2.1-s3-access-logging logs elsewhere", "}"],
    ],
)
def test_only_a_skip_of_that_check_inside_the_block_counts(lines: list[str]) -> None:
    assert find_skip(lines, 1, 3, "CKV_AWS_18") is None


def test_a_file_that_cannot_be_read_falls_back_on_checkovs_comment(tmp_path: Path) -> None:
    missing = tmp_path / "gone.tf"
    skip = read_skip(missing, [4, 9], "CKV_AWS_18", " logs elsewhere ")
    assert skip is not None
    assert (skip.line, skip.reason) == (4, "logs elsewhere")
    unexplained = read_skip(missing, [4, 9], "CKV_AWS_18", "No comment provided")
    assert unexplained is not None
    assert unexplained.reason == ""
    assert read_skip(missing, [], "CKV_AWS_18", "why") is None


def recorded(monkeypatch: pytest.MonkeyPatch) -> Snapshot:
    monkeypatch.setenv("FAKE_CHECKOV_RESULTS", "skips.json")
    return CheckovAdapter([SKIPS], FAKE).collect()


def test_skipped_results_keep_the_reason_and_line_of_their_comment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    skipped = {
        (r.type, r.address): (r.attributes["suppress_comment"], r.attributes["suppress_line"])
        for r in recorded(monkeypatch).resources
        if r.attributes["result"] == "skipped"
    }
    assert skipped == {
        ("CKV_AWS_18", "aws_s3_bucket.hashed"): ("access logs go to the organization trail", 8),
        ("CKV_AWS_18", "aws_s3_bucket.spaced"): ("written after the argument", 12),
        ("CKV_AWS_18", "aws_s3_bucket.slashed"): ("build cache, rebuilt nightly", 17),
        ("CKV_AWS_21", "aws_s3_bucket.slashed"): ("build cache, rebuilt nightly", 17),
        ("CKV_AWS_21", "aws_s3_bucket.blocked"): ("objects are written once, never changed", 23),
        ("CKV_AWS_18", "aws_s3_bucket.unexplained"): ("", 31),
        ("CKV_AWS_18", "aws_s3_bucket.empty_reason"): ("", 37),
        ("CKV_AWS_144", "aws_s3_bucket.unmapped"): ("", 43),
    }


def assert_skips_waive_the_mapped_controls(checkov: Snapshot) -> None:
    """The verdicts on tests/data/checkov/skips, evaluated as `scan terraform --checkov` does."""
    library = load_controls([builtin_policy_dir()])
    terraform = TerraformAdapter([SKIPS]).collect()
    snapshots = [terraform, with_checkov_skips(with_native_tags(checkov, terraform), library)]
    check_suppressions(snapshots, library)  # the controls named are known ones
    controls = [control for control in library if control.id in (LOGGING, VERSIONING)]
    report = evaluate(controls, snapshots)
    verdicts = {
        (result.control.id, finding.resource.removeprefix("aws_s3_bucket.")): (
            finding.status,
            finding.waiver and (finding.waiver.reason, finding.waiver.origin),
        )
        for result in report.results
        for finding in result.findings
        if finding.source == "checkov"
    }
    fail = (Status.FAIL, None)
    assert verdicts == {
        (LOGGING, "hashed"): (
            Status.WAIVED,
            ("access logs go to the organization trail", f"inline at {SHOWN}:8"),
        ),
        (LOGGING, "spaced"): (
            Status.WAIVED,
            ("written after the argument", f"inline at {SHOWN}:12"),
        ),
        (LOGGING, "slashed"): (
            Status.WAIVED,
            ("build cache, rebuilt nightly", f"inline at {SHOWN}:17"),
        ),
        (LOGGING, "blocked"): fail,
        (LOGGING, "unexplained"): fail,
        (LOGGING, "empty_reason"): fail,
        (LOGGING, "unmapped"): fail,
        (LOGGING, "plain"): fail,
        (VERSIONING, "hashed"): fail,
        (VERSIONING, "spaced"): fail,
        (VERSIONING, "slashed"): (
            Status.WAIVED,
            ("build cache, rebuilt nightly", f"inline at {SHOWN}:17"),
        ),
        (VERSIONING, "blocked"): (
            Status.WAIVED,
            ("objects are written once, never changed", f"inline at {SHOWN}:23"),
        ),
        (VERSIONING, "unexplained"): fail,
        (VERSIONING, "empty_reason"): fail,
        (VERSIONING, "unmapped"): fail,
        (VERSIONING, "plain"): fail,
    }
    # A skip without a reason is an error at its line; CKV_AWS_144 maps to no control.
    checkov_errors = [(e.message, str(e.location)) for e in report.errors if e.source == "checkov"]
    assert checkov_errors == [
        ("checkov:skip=CKV_AWS_18 has no reason; the finding stands", f"{SHOWN}:31"),
        ("checkov:skip=CKV_AWS_18 has no reason; the finding stands", f"{SHOWN}:37"),
    ]


def test_checkov_skips_waive_the_controls_taking_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert_skips_waive_the_mapped_controls(recorded(monkeypatch))


def skipped_result(reason: str) -> Resource:
    attributes = {"result": "skipped", "suppress_comment": reason, "suppress_line": 3}
    return Resource("checkov", "CKV_AWS_18", "aws_s3_bucket.b", attributes, Location("m.tf", 1))


def test_applying_the_skips_again_changes_nothing() -> None:
    library = load_controls([builtin_policy_dir()])
    snapshot = Snapshot("checkov", (skipped_result("logs elsewhere"), skipped_result("")))
    once = with_checkov_skips(snapshot, library)
    assert once.resources[0].suppressions == (
        Suppression(LOGGING, "logs elsewhere", Location("m.tf", 3)),
    )
    assert once.errors == (
        SourceError(
            "checkov",
            "checkov:skip=CKV_AWS_18 has no reason; the finding stands",
            Location("m.tf", 3),
        ),
    )
    assert with_checkov_skips(once, library) == once


def test_without_a_control_taking_the_check_nothing_changes() -> None:
    snapshot = Snapshot("checkov", (skipped_result("logs elsewhere"), skipped_result("")))
    assert with_checkov_skips(snapshot, []) == snapshot
    native = Snapshot("terraform", (skipped_result(""),))
    assert with_checkov_skips(native, load_controls([builtin_policy_dir()])) == native


def test_the_checks_each_control_takes() -> None:
    taken = skipped_checks(load_controls([builtin_policy_dir()]))
    assert taken["CKV_AWS_18"] == (LOGGING,)
    assert taken["CKV_AWS_21"] == (VERSIONING,)
    assert "CKV_AWS_144" not in taken


def test_scan_terraform_with_checkov_takes_the_skip_comments(
    run: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV_RESULTS", "skips.json")
    result = run(
        "scan", "terraform", SKIPS, "--checkov", "--checkov-path", FAKE,
        "--control", LOGGING, "--format", "json",
    )  # fmt: skip
    checkov = [
        finding
        for control in result.json()["controls"]
        for finding in control["findings"]
        if finding["source"] == "checkov"
    ]
    waived = {f["resource"]: f["waiver"]["reason"] for f in checkov if f["status"] == "waived"}
    assert waived["aws_s3_bucket.hashed"] == "access logs go to the organization trail"
    assert "aws_s3_bucket.unexplained" not in waived
    # A skip without a reason is an error at its line, and the run says so with exit 3.
    assert result.code == 3
    assert any("has no reason" in error["message"] for error in result.json()["errors"])
