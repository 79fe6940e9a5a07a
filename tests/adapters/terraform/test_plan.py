"""Plans from `terraform show -json`: resolved values, unknowns kept unknown, lines from source."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from adapters.base import AdapterError
from adapters.terraform import TerraformAdapter
from checker.models import Reference, Resource, Unresolved
from tests.conftest import DATA, Run

PLAN = DATA / "terraform" / "plan"


def resources(paths: list[Path]) -> dict[str, Resource]:
    snapshot = TerraformAdapter(paths, plan=PLAN / "plan.json").collect()
    return {resource.address: resource for resource in snapshot.resources}


def test_values_known_after_apply_become_references_or_unresolved() -> None:
    found = resources([PLAN])
    versioning = found["aws_s3_bucket_versioning.data"].attributes
    assert versioning["bucket"] == Reference("aws_s3_bucket.data[0]", "id")
    (configuration,) = versioning["versioning_configuration"]
    assert configuration["status"] == "Enabled"
    assert isinstance(configuration["mfa_delete"], Unresolved)


def test_plan_resources_take_file_line_and_skips_from_the_source() -> None:
    bucket = resources([PLAN])["aws_s3_bucket.data[1]"]
    assert (bucket.location.file, bucket.location.line) == ("tests/data/terraform/plan/main.tf", 9)
    (skip,) = bucket.suppressions
    assert skip.control_id == "test-s3-versioning"
    assert bucket.region == "eu-west-1"


def test_without_source_the_plan_itself_is_the_location() -> None:
    bucket = resources([])["aws_s3_bucket.data[0]"]
    assert bucket.location.file == "tests/data/terraform/plan/plan.json"


def test_a_file_that_is_not_a_plan_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "plan.json").write_text('{"resources": []}', encoding="utf-8")
    with pytest.raises(AdapterError, match="no planned_values"):
        TerraformAdapter([], plan=tmp_path / "plan.json").collect()
    (tmp_path / "plan.json").write_text("{", encoding="utf-8")
    with pytest.raises(AdapterError, match="not JSON"):
        TerraformAdapter([], plan=tmp_path / "plan.json").collect()


def test_plan_verdicts_through_the_cli(run: Callable[..., Run]) -> None:
    result = run(
        "scan",
        "terraform",
        PLAN,
        "--plan",
        PLAN / "plan.json",
        "--format",
        "json",
        "--policies",
        DATA / "policies" / "valid",
        "--control",
        "test-s3-versioning",
    )
    statuses = {f["resource"]: f["status"] for f in result.json()["controls"][0]["findings"]}
    assert statuses == {"aws_s3_bucket.data[0]": "pass", "aws_s3_bucket.data[1]": "waived"}
    assert result.code == 0


def test_a_plan_alone_needs_no_folder(run: Callable[..., Run]) -> None:
    result = run("scan", "terraform", "--plan", PLAN / "plan.json", "--format", "json")
    assert result.code in (0, 1, 3)
    assert result.json()["sources"] == ["terraform"]
    assert run("scan", "terraform").code == 2
