"""Root modules found from the text, corrected by parsing, and evaluated on every core."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adapters.terraform import TerraformAdapter
from adapters.terraform.roots import likely_calls, module_folders
from checker.models import Snapshot
from tests.conftest import DATA, REPO

ROOTS = DATA / "terraform" / "roots"


def collect(folder: Path, workers: int, monkeypatch: pytest.MonkeyPatch) -> Snapshot:
    monkeypatch.setenv("ASSAYMARK_WORKERS", str(workers))
    return TerraformAdapter([folder]).collect()


@pytest.mark.parametrize(
    "stack",
    [ROOTS, DATA / "terraform" / "focus", REPO / "examples" / "terraform" / "insecure"],
    ids=["roots", "focus", "insecure"],
)
def test_workers_give_what_one_process_gives(
    stack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(stack, tmp_path / "stack")
    monkeypatch.chdir(tmp_path)
    alone = collect(Path("stack"), 1, monkeypatch)
    shared = collect(Path("stack"), 2, monkeypatch)
    assert shared.resources == alone.resources
    assert shared.errors == alone.errors
    assert shared.metadata == alone.metadata


def test_a_shared_module_that_does_not_parse_is_reported_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOTS, tmp_path / "stack")
    monkeypatch.chdir(tmp_path)
    snapshot = collect(Path("stack"), 2, monkeypatch)
    assert snapshot.metadata["roots"] == ["stack/app", "stack/json_caller", "stack/web"]
    unparsed = [e for e in snapshot.errors if e.location.file == "stack/broken/main.tf"]
    assert len(unparsed) == 1
    addresses = {(r.namespace, r.address) for r in snapshot.resources if r.type != "variable"}
    assert ("stack/json_caller", "module.shared.aws_sqs_queue.this") in addresses
    assert ("stack/web", "module.shared.aws_sqs_queue.this") in addresses


def test_the_text_is_read_for_local_sources_in_either_syntax() -> None:
    graph = likely_calls(module_folders([ROOTS]))
    assert graph[(ROOTS / "json_caller").resolve()] == {(ROOTS / "common").resolve()}
    assert graph[(ROOTS / "app").resolve()] == {
        (ROOTS / "common").resolve(),
        (ROOTS / "broken").resolve(),
    }
    assert graph[(ROOTS / "common").resolve()] == set()
