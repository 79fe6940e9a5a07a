"""assaymark.yaml: settings that would quietly change what is checked are refused up front."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.config import load_config
from checker.errors import UsageError
from tests.conftest import REPO

COMPLIANT = REPO / "examples" / "terraform" / "compliant"


def config(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "assaymark.yaml"
    path.write_text(f"terraform: {{paths: [{COMPLIANT}]}}\n{extra}", encoding="utf-8")
    return path


def test_an_unknown_format_is_refused_before_anything_runs(tmp_path: Path) -> None:
    known = r"format: unknown format 'pdf'; known: gitlab, html, json"
    with pytest.raises(UsageError, match=known):
        load_config(config(tmp_path, "format: pdf\n"))


@pytest.mark.parametrize("values", ["[]", "cardholder", "~"])
def test_an_empty_or_malformed_scope_tag_entry_is_refused(tmp_path: Path, values: str) -> None:
    with pytest.raises(UsageError, match=r"scope_tags\.DataClassification"):
        load_config(config(tmp_path, f"scope_tags: {{DataClassification: {values}}}\n"))
