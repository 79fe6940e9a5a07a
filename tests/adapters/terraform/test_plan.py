"""Plans from `terraform show -json`: resolved values, unknowns kept unknown, lines from source."""

from __future__ import annotations

import json
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


@pytest.mark.parametrize(
    ("plan", "named"),
    [
        ({"planned_values": None}, "planned_values: None is not of type 'object'"),
        (
            {"planned_values": {"root_module": {"resources": {}}}},
            "planned_values.root_module.resources: {} is not of type 'array'",
        ),
        (
            {"planned_values": {"root_module": {"resources": [{"address": 5, "type": "x"}]}}},
            "planned_values.root_module.resources[0].address: 5 is not of type 'string'",
        ),
        (
            {"planned_values": {}, "resource_changes": [{}]},
            "resource_changes[0]: 'address' is a required property",
        ),
    ],
)
def test_a_malformed_plan_is_refused_naming_the_field(
    tmp_path: Path, plan: object, named: str
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    with pytest.raises(AdapterError) as raised:
        TerraformAdapter([], plan=path).collect()
    assert str(raised.value) == f"{path}: not a plan from `terraform show -json`: {named}"


def test_changes_that_the_planned_values_lack_are_errors(tmp_path: Path) -> None:
    plan = json.loads((PLAN / "plan.json").read_text(encoding="utf-8"))
    plan["planned_values"]["root_module"]["resources"] = []
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    snapshot = TerraformAdapter([], plan=path).collect()
    missing = [e.message for e in snapshot.errors if "planned values do not hold it" in e.message]
    assert any(message.startswith("aws_s3_bucket.data[0]: the plan create") for message in missing)
