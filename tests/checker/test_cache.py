"""The cache folder: entries by digest, per version, and never a verdict."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checker import policy
from checker.cache import Store, digest
from tests.conftest import DATA

VALID = DATA / "policies" / "valid" / "versioning.yaml"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ASSAYMARK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(policy, "_VALIDATED", Store.named("validated-controls"))
    return tmp_path / "cache"


def test_a_control_file_that_passed_is_not_validated_again(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    control, problems = policy.validate_file(VALID)
    assert control is not None and not problems
    assert len(list(cache.rglob("*"))) >= 1

    def no_validation() -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(policy, "_validator", no_validation)
    again, problems = policy.validate_file(VALID)
    assert again == control and not problems


def test_a_changed_control_file_is_validated_again(cache: Path, tmp_path: Path) -> None:
    copy = tmp_path / "control.yaml"
    shutil.copy(VALID, copy)
    assert policy.validate_file(copy)[0] is not None
    copy.write_text(copy.read_text().replace("severity: ", "severity: extreme-"))
    control, problems = policy.validate_file(copy)
    assert control is None
    assert problems and str(copy) in problems[0]


def test_a_damaged_entry_is_read_as_missing(cache: Path) -> None:
    policy.validate_file(VALID)
    for entry in (p for p in cache.rglob("*") if p.is_file()):
        entry.write_text("{not json")
    control, problems = policy.validate_file(VALID)
    assert control is not None and not problems


def test_without_the_cache_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSAYMARK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("ASSAYMARK_NO_CACHE", "1")
    store = Store.named("anything")
    store.put(digest("a"), "text")
    assert store.get(digest("a")) is None
    assert not (tmp_path / "cache").exists()
