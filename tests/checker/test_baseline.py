"""Baselines: the identity of a finding (never its line), the file, and the engine applying it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from checker.baseline import Baseline, BaselineEntry, load_baseline, place_of, write_baseline
from checker.engine import evaluate
from checker.models import Location, Resource, Snapshot, Status, Unresolved
from checker.policy import load_controls
from checker.waivers import Waiver
from tests.conftest import DATA

CONTROLS = {control.id: control for control in load_controls([DATA / "policies" / "valid"])}
VERSIONING = CONTROLS["test-s3-versioning"]
NOW = datetime(2026, 12, 1, 20, 9, 47, tzinfo=UTC)


def bucket(name: str, root: str = "infra/prod", line: int = 1, **extra: object) -> Resource:
    return Resource(
        "terraform",
        "aws_s3_bucket",
        f"aws_s3_bucket.{name}",
        {"bucket": name, **extra},
        Location(f"{root}/main.tf", line),
        namespace=root,
    )


def entry(name: str, root: str = "infra/prod") -> BaselineEntry:
    return BaselineEntry(VERSIONING.id, "terraform", root, f"aws_s3_bucket.{name}")


def baseline(*entries: BaselineEntry) -> Baseline:
    return Baseline(frozenset(entries), Path.cwd(), Path("base.json"))


def statuses(report: object) -> dict[str, Status]:
    (result,) = report.results  # type: ignore[attr-defined]
    return {f"{f.resource} {f.location.file}": f.status for f in result.findings}


def test_a_listed_failure_is_baselined_wherever_its_lines_moved() -> None:
    report = evaluate(
        [VERSIONING],
        [Snapshot("terraform", (bucket("a", line=40), bucket("b")))],
        baseline=baseline(entry("a")),
    )
    assert statuses(report) == {
        "aws_s3_bucket.a infra/prod/main.tf": Status.BASELINED,
        "aws_s3_bucket.b infra/prod/main.tf": Status.FAIL,
    }
    assert report.results[0].status is Status.FAIL
    assert report.exit_code == 1
    assert report.baseline is not None
    assert (report.baseline.matched, report.baseline.resolved) == (1, ())
    assert report.baseline.failing == (entry("a"), entry("b"))


def test_the_same_address_in_another_root_module_is_another_finding() -> None:
    report = evaluate(
        [VERSIONING],
        [Snapshot("terraform", (bucket("a"), bucket("a", root="infra/dev")))],
        baseline=baseline(entry("a")),
    )
    assert statuses(report) == {
        "aws_s3_bucket.a infra/prod/main.tf": Status.BASELINED,
        "aws_s3_bucket.a infra/dev/main.tf": Status.FAIL,
    }


def test_a_control_whose_failures_are_all_baselined_does_not_fail_the_exit_code() -> None:
    report = evaluate(
        [VERSIONING], [Snapshot("terraform", (bucket("a"),))], baseline=baseline(entry("a"))
    )
    assert report.results[0].status is Status.BASELINED
    assert report.exit_code == 0
    assert report.to_dict()["baseline"] == {"file": "base.json", "matched": 1, "resolved": []}


def test_errors_are_never_baselined_and_an_erring_entry_is_not_resolved() -> None:
    unknown = replace(bucket("a"), unresolved=Unresolved("count", "unknown"))
    report = evaluate(
        [VERSIONING], [Snapshot("terraform", (unknown,))], baseline=baseline(entry("a"))
    )
    assert statuses(report) == {"aws_s3_bucket.a infra/prod/main.tf": Status.ERROR}
    assert report.baseline is not None
    assert report.baseline.resolved == ()


def test_a_waiver_comes_first_and_the_entry_it_covers_is_resolved() -> None:
    waiver = Waiver(VERSIONING.id, "aws_s3_bucket.a", "why", "cso", "RISK-1", NOW.date())
    report = evaluate(
        [VERSIONING],
        [Snapshot("terraform", (bucket("a"),))],
        waivers=[waiver],
        as_of=NOW.date(),
        baseline=baseline(entry("a"), entry("gone")),
    )
    assert statuses(report) == {"aws_s3_bucket.a infra/prod/main.tf": Status.WAIVED}
    assert report.baseline is not None
    assert report.baseline.resolved == (entry("a"), entry("gone"))


def test_places_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    inside = bucket("a", root=str(root / "infra" / "prod"))
    assert place_of(inside, root) == "infra/prod"
    assert place_of(bucket("a", root="/elsewhere/infra"), root) == "/elsewhere/infra"
    account = Resource("aws", "s3.bucket", "arn:aws:s3:::a", {}, Location(), namespace="1111")
    assert place_of(account, root) == "1111"
    table = Resource(
        "db", "table", "public.cards", {}, Location(extra={"server": "db:5432", "database": "l"})
    )
    assert place_of(table, root) == "db:5432/l"


def test_the_file_round_trips_and_is_left_alone_when_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "base.json"
    entries = [entry("b"), entry("a"), entry("a")]
    assert write_baseline(path, entries, NOW) is True
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["created"] == "2026-12-01T20:09:47Z"
    assert [e["resource"] for e in document["entries"]] == ["aws_s3_bucket.a", "aws_s3_bucket.b"]
    assert document["entries"][0]["fingerprint"] == entry("a").fingerprint
    assert len(entry("a").fingerprint) == 64
    assert entry("a").fingerprint != entry("a", root="infra/dev").fingerprint
    loaded = load_baseline(path, tmp_path)
    assert loaded.entries == {entry("a"), entry("b")}
    assert write_baseline(path, entries, datetime(2027, 1, 1, tzinfo=UTC)) is False
    assert json.loads(path.read_text(encoding="utf-8"))["created"] == "2026-12-01T20:09:47Z"
