"""A run that would evaluate less than it says is refused before anything is collected."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from checker.cli.selection import check_run, load_library
from checker.errors import UsageError
from tests.conftest import DATA, REPO, Run

RunCli = Callable[..., Run]
COMPLIANT = REPO / "examples" / "terraform" / "compliant"
WAIVER = """waivers:
  - control: {control}
    resource: aws_s3_bucket.cache
    justification: Rebuilt nightly
    approver: cso@example.com
    ticket: RISK-1
    expires: 2099-12-31
"""


def test_a_waiver_for_a_control_that_does_not_exist_is_a_configuration_error(
    run: RunCli, tmp_path: Path
) -> None:
    path = tmp_path / "waivers.yaml"
    path.write_text(WAIVER.format(control="pci-10.3.3-s3-versoning"), encoding="utf-8")
    result = run("scan", "terraform", COMPLIANT, "--waivers", path)
    assert result.code == 2
    assert "the waiver for pci-10.3.3-s3-versoning (aws_s3_bucket.cache) names no control" in (
        result.err
    )
    assert result.out == ""


def test_an_inline_skip_for_a_control_that_does_not_exist_is_a_configuration_error(
    run: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_s3_bucket" "logs" {\n'
        "  # assaymark:skip=pci-10.3.3-s3-versoning logs are rebuilt, RISK-9\n"
        '  bucket = "logs"\n}\n',
        encoding="utf-8",
    )
    result = run("scan", "terraform", tmp_path)
    assert result.code == 2
    assert "assaymark:skip=pci-10.3.3-s3-versoning (aws_s3_bucket.logs) names no control" in (
        result.err
    )


def test_a_misspelt_scope_tag_in_the_configuration_is_refused(run: RunCli, tmp_path: Path) -> None:
    config = tmp_path / "assaymark.yaml"
    config.write_text(
        f"terraform: {{paths: [{COMPLIANT}]}}\nscope_tags: {{DataClasification: [cardholder]}}\n",
        encoding="utf-8",
    )
    result = run("run", "--config", config)
    assert result.code == 2
    assert "scope_tags.DataClasification: no control is scoped by the tag" in result.err
    assert "DataClassification" in result.err


def test_a_control_asked_for_by_id_with_no_check_for_the_source_is_refused(
    run: RunCli,
) -> None:
    result = run("scan", "terraform", COMPLIANT, "--control", "pci-7.2.1-db-public-grants")
    assert result.code == 2
    assert "--control pci-7.2.1-db-public-grants: the control has no check for terraform" in (
        result.err
    )
    assert "(it checks: db)" in result.err


def test_a_selection_with_nothing_to_evaluate_is_refused() -> None:
    library = load_library([DATA / "policies" / "valid"])
    versioning = [c for c in library if c.id == "test-s3-versioning"]
    with pytest.raises(UsageError, match="nothing would be evaluated"):
        check_run(library, versioning, ("db",))
    check_run(library, versioning, ("terraform",))
