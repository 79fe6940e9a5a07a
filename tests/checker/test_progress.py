"""Progress: counters that cost nothing unwatched, a spinner on a terminal, a line now and
then in CI logs, and the AWS collector and the engine advancing them."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest

from checker import progress
from checker.engine import evaluate
from checker.models import Location, Resource, Snapshot
from checker.policy import load_controls
from tests.conftest import DATA


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_nobody_watching_counts_nothing_and_prints_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    stream = io.StringIO()
    with progress.watching("Collecting aws...", stream):
        progress.advance("AWS calls", detail="s3 eu-west-1")
        assert progress._current is None
    assert stream.getvalue() == ""


def test_in_ci_one_line_every_interval_with_the_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    monkeypatch.setattr(progress, "CI_INTERVAL", 0.05)
    stream = io.StringIO()
    with progress.watching("collecting aws...", stream):
        for service, amount in (("s3", 400), ("iam", 300), ("ec2", 30), ("kms", 4)):
            progress.advance("AWS calls", amount, detail=f"{service} eu-west-1")
        progress.advance("files parsed", 1234)
        time.sleep(0.2)
    lines = stream.getvalue().splitlines()
    assert 1 <= len(lines) <= 5
    assert lines[-1] == (
        "assaymark: collecting aws... 734 AWS calls (s3 eu-west-1: 400, iam eu-west-1: 300, "
        "ec2 eu-west-1: 30, ...), 1,234 files parsed"
    )
    assert progress._current is None  # nobody watches once the block ends


def test_in_ci_a_short_phase_prints_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    stream = io.StringIO()
    with progress.watching("Evaluating...", stream):
        progress.advance("resources evaluated", 10)
    assert stream.getvalue() == ""


def test_a_terminal_gets_a_spinner_with_the_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "_TERMINAL_REFRESH", 0.01)
    terminal = Terminal()
    with progress.watching("Reading Terraform...", terminal):
        progress.advance("files parsed", 3)
        time.sleep(0.3)
    assert "Reading Terraform... 3 files parsed" in terminal.getvalue()


def test_the_engine_counts_the_resources_it_evaluates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    counted: list[tuple[str, int]] = []
    monkeypatch.setattr(
        progress._Tally,
        "add",
        lambda self, counter, amount, detail: counted.append((counter, amount)),
    )
    controls = load_controls([DATA / "policies" / "valid"])
    buckets = tuple(
        Resource("terraform", "aws_s3_bucket", f"aws_s3_bucket.b{n}", {}, Location("main.tf", n))
        for n in range(3)
    )
    with progress.watching("Evaluating...", io.StringIO()):
        evaluate(controls, [Snapshot("terraform", buckets)])
    assert ("resources evaluated", 3) in counted


def test_every_aws_call_is_counted_by_service_and_region(monkeypatch: pytest.MonkeyPatch) -> None:
    from adapters.aws.collector import CallLog, Calls, Collector, Target

    class Buckets(Collector):
        actions = ("s3:ListAllMyBuckets",)
        resource_types = ("s3.bucket",)

        def collect(self, calls: Calls) -> list[Resource]:
            return []

    class Client:
        def list_buckets(self) -> dict[str, Any]:
            return {"Buckets": []}

    class Session:
        def client(self, service: str, **_: Any) -> Client:
            return Client()

    monkeypatch.setenv("CI", "1")
    monkeypatch.setattr(progress, "CI_INTERVAL", 0.05)
    stream = io.StringIO()
    calls = Calls(Buckets(), Target("111122223333", "eu-west-1", Session()), CallLog(), None)
    with progress.watching("collecting aws...", stream):
        calls.call("s3", "ListBuckets")
        calls.call("s3", "ListBuckets")
        time.sleep(0.15)
    assert stream.getvalue().splitlines()[-1] == (
        "assaymark: collecting aws... 2 AWS calls (s3 eu-west-1: 2)"
    )
    assert calls.log.counts["s3:ListAllMyBuckets"] == 2


def test_the_cli_progress_keeps_its_signature_and_is_silent_when_quiet() -> None:
    from checker.cli.output import progress as cli_progress

    with cli_progress("Collecting databases..."):
        pass
    with cli_progress("Collecting...", quiet=True):
        progress.advance("files parsed")


def test_a_forked_worker_does_not_count_into_the_parents_tally(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing

    monkeypatch.setenv("CI", "true")
    with progress.watching("working", io.StringIO()):
        assert progress._current is not None
        with multiprocessing.get_context("fork").Pool(1) as pool:
            assert pool.apply(_tally_in_child) is False
        progress.advance("files parsed")
        assert progress._current.totals["files parsed"] == 1


def _tally_in_child() -> bool:
    # The watching thread may have held the tally's lock when the worker was forked.
    progress.advance("files parsed")
    return progress._current is not None
