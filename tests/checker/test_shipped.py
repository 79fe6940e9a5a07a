"""The built-in control library ships validated: kept current, used, and never trusted for
a text that changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker import policy, shipped
from checker.cache import Store
from checker.library import builtin_policy_dir


@pytest.fixture
def no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(policy, "_VALIDATED", Store(None))


def test_the_shipped_file_is_current() -> None:
    expected = shipped.render(shipped.builtin_entries())
    assert policy.SHIPPED_VALIDATION.read_text(encoding="utf-8") == expected, (
        "a built-in control or the control schema changed: run `make validated-controls`"
    )


def test_built_in_controls_load_without_validating_them(
    no_cache: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_validation() -> None:
        raise AssertionError("validated a built-in control file")

    monkeypatch.setattr(policy, "_validator", no_validation)
    controls = policy.load_controls([builtin_policy_dir()])
    assert len(controls) == len(policy.shipped_validation())


def test_an_edited_built_in_control_is_validated(no_cache: None, tmp_path: Path) -> None:
    original = sorted(builtin_policy_dir().glob("*.yaml"))[0]
    edited = tmp_path / original.name
    edited.write_text(
        original.read_text(encoding="utf-8").replace("severity: ", "severity: extreme-", 1),
        encoding="utf-8",
    )
    control, problems = policy.validate_file(edited)
    assert control is None
    assert problems and "severity" in problems[0]


def test_a_missing_or_broken_shipped_file_only_means_validating(
    no_cache: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for content in (None, "not json", "[1, 2]"):
        path = tmp_path / "shipped.json"
        if content is not None:
            path.write_text(content, encoding="utf-8")
        monkeypatch.setattr(policy, "SHIPPED_VALIDATION", path)
        policy.shipped_validation.cache_clear()
        try:
            assert policy.shipped_validation() == {}
            assert len(policy.load_controls([builtin_policy_dir()])) > 0
        finally:
            policy.shipped_validation.cache_clear()
