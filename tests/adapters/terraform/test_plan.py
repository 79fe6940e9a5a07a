"""Plans from `terraform show -json`: resolved values, unknowns kept unknown, lines from source."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from adapters.base import AdapterError
from adapters.terraform import TerraformAdapter
from checker.models import Reference, Resource, Snapshot, Unresolved
from checker.redaction import MASK
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


def snapshot_of(folder: Path, plan: Path | None = None, *, with_source: bool = True) -> Snapshot:
    return TerraformAdapter(
        [folder] if with_source else [], plan=plan or folder / "plan.json"
    ).collect()


def by_address(snapshot: Snapshot) -> dict[str, Resource]:
    return {resource.address: resource for resource in snapshot.resources}


def edited_plan(folder: Path, tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    plan = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    edit(plan)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def findings(
    run: Callable[..., Run], folder: Path, control: str, *options: str | Path
) -> dict[str, str]:
    result = run(
        "scan", "terraform", folder, "--plan", folder / "plan.json", "--format", "json",
        "--control", control, *options,
    )  # fmt: skip
    return {f["resource"]: f["status"] for f in result.json()["controls"][0]["findings"]}


# -- a module's provider requirement is not a provider configuration -------------------------

MODULE_PROVIDERS = DATA / "terraform" / "plan-module-providers"


def test_resources_in_modules_take_the_region_of_the_configuration_their_callers_pass() -> None:
    found = by_address(snapshot_of(MODULE_PROVIDERS))
    assert found["module.storage.aws_s3_bucket.this"].region == "eu-west-1"
    # `module.storage.module.logs:aws` is in no provider_config entry: the root's is in force.
    assert found["module.storage.module.logs.aws_cloudwatch_log_group.this"].region == "eu-west-1"
    # `providers = { aws = aws.replica }` in the call of module.replica.
    assert found["module.replica.aws_s3_bucket.this"].region == "eu-central-1"
    assert found["module.replica.module.logs.aws_cloudwatch_log_group.this"].region == (
        "eu-central-1"
    )


def test_a_module_provider_requirement_is_not_a_provider_configuration(
    run: Callable[..., Run],
) -> None:
    providers = [
        r.address for r in snapshot_of(MODULE_PROVIDERS).resources if r.type == "provider.aws"
    ]
    assert sorted(providers) == ["provider.aws", "provider.aws.replica"]
    statuses = findings(run, MODULE_PROVIDERS, "gdpr-art44-provider-region")
    assert statuses == {"provider.aws": "pass", "provider.aws.replica": "pass"}


def test_a_module_whose_provider_no_ancestor_configures_has_no_known_region(
    tmp_path: Path,
) -> None:
    def unconfigure(plan: dict[str, Any]) -> None:
        del plan["configuration"]["provider_config"]["aws"]

    snapshot = snapshot_of(MODULE_PROVIDERS, edited_plan(MODULE_PROVIDERS, tmp_path, unconfigure))
    found = by_address(snapshot)
    region = found["module.storage.aws_s3_bucket.this"].region
    assert isinstance(region, Unresolved)
    assert region.expression == "provider module.storage:aws"
    assert region.reason == "no provider configuration in the plan: the region is set outside"
    assert found["module.replica.aws_s3_bucket.this"].region == "eu-central-1"
    assert [r.address for r in snapshot.resources if r.type == "provider.aws"] == [
        "provider.aws.replica"
    ]


def test_a_module_call_that_passes_providers_passes_only_those(tmp_path: Path) -> None:
    def pass_another(plan: dict[str, Any]) -> None:
        plan["configuration"]["root_module"]["module_calls"]["replica"]["providers"] = {
            "aws.backup": "aws.replica"
        }

    found = by_address(
        snapshot_of(MODULE_PROVIDERS, edited_plan(MODULE_PROVIDERS, tmp_path, pass_another))
    )
    assert isinstance(found["module.replica.aws_s3_bucket.this"].region, Unresolved)
    assert found["module.storage.aws_s3_bucket.this"].region == "eu-west-1"


# -- a reference chosen by a condition -------------------------------------------------------

CONDITIONAL = DATA / "terraform" / "plan-conditional-reference"


def test_a_conditional_reference_links_the_one_resource_the_plan_holds(
    run: Callable[..., Run],
) -> None:
    # `local.attach ? aws_s3_bucket_policy.this[0].id : aws_s3_bucket.this[0].id`, with no
    # policy in the plan (count 0).
    versioning = by_address(snapshot_of(CONDITIONAL))["aws_s3_bucket_versioning.this"]
    assert versioning.attributes["bucket"] == Reference("aws_s3_bucket.this[0]", "id")
    statuses = findings(
        run, CONDITIONAL, "test-s3-versioning", "--policies", DATA / "policies" / "valid"
    )
    assert statuses["aws_s3_bucket.this[0]"] == "pass"


def test_a_conditional_reference_between_resources_the_plan_all_holds_stays_unknown(
    run: Callable[..., Run],
) -> None:
    bucket = by_address(snapshot_of(CONDITIONAL))["aws_s3_bucket_versioning.ledger"].attributes[
        "bucket"
    ]
    assert isinstance(bucket, Unresolved)
    assert bucket.expression == "aws_s3_bucket.primary.id or aws_s3_bucket.fallback.id"
    assert "chosen by a condition" in bucket.reason
    statuses = findings(
        run, CONDITIONAL, "test-s3-versioning", "--policies", DATA / "policies" / "valid"
    )
    assert statuses["aws_s3_bucket.primary"] == statuses["aws_s3_bucket.fallback"] == "error"


def test_a_conditional_reference_between_resources_the_plan_lacks_stays_unknown(
    tmp_path: Path,
) -> None:
    def without_the_bucket(plan: dict[str, Any]) -> None:
        root = plan["planned_values"]["root_module"]
        root["resources"] = [
            r for r in root["resources"] if r["address"] != "aws_s3_bucket.this[0]"
        ]
        plan["resource_changes"] = [
            c for c in plan["resource_changes"] if c["address"] != "aws_s3_bucket.this[0]"
        ]

    path = edited_plan(CONDITIONAL, tmp_path, without_the_bucket)
    bucket = by_address(snapshot_of(CONDITIONAL, path))["aws_s3_bucket_versioning.this"]
    assert isinstance(bucket.attributes["bucket"], Unresolved)
    assert "holds none of the resources" in bucket.attributes["bucket"].reason


# -- tags_all that the plan leaves unknown ---------------------------------------------------

TAGS_ALL = DATA / "terraform" / "plan-tags-all"


def test_an_unknown_tags_all_is_the_tags_merged_over_constant_default_tags(
    run: Callable[..., Run],
) -> None:
    found = by_address(snapshot_of(TAGS_ALL))
    # No default_tags in its provider: tags_all is tags, the sensitive tag masked in both.
    statements = found["aws_s3_bucket.statements"]
    assert statements.tags == {"DataClassification": "cardholder", "Deploy": MASK}
    assert statements.attributes["tags_all"] == statements.attributes["tags"]
    assert found["aws_s3_bucket.exports"].tags == {
        "DataClassification": "personal",
        "Team": "payments",
    }
    statuses = findings(run, TAGS_ALL, "pci-3.5.1-s3-kms-encryption")
    assert statuses["aws_s3_bucket.statements"] == statuses["aws_s3_bucket.exports"] == "fail"


def test_an_unknown_tags_all_over_default_tags_that_are_not_constants_stays_unknown(
    run: Callable[..., Run],
) -> None:
    archive = by_address(snapshot_of(TAGS_ALL))["aws_s3_bucket.archive"]
    assert isinstance(archive.tags, Unresolved)
    assert isinstance(archive.attributes["tags_all"], Unresolved)
    assert findings(run, TAGS_ALL, "pci-3.5.1-s3-kms-encryption")["aws_s3_bucket.archive"] == (
        "error"
    )


# -- computed blocks only the configuration could set ----------------------------------------

COMPUTED = DATA / "terraform" / "plan-computed-blocks"
S3_INLINE_BLOCKS = ("versioning", "server_side_encryption_configuration", "logging")


def test_computed_blocks_the_configuration_does_not_set_are_absent(
    run: Callable[..., Run],
) -> None:
    found = by_address(snapshot_of(COMPUTED))
    statements = found["aws_s3_bucket.statements"].attributes
    assert not any(name in statements for name in S3_INLINE_BLOCKS)
    assert found["aws_s3_bucket.logs"].attributes["versioning"] == []
    assert "inline_policy" not in found["aws_iam_role.batch"].attributes
    assert findings(run, COMPUTED, "pci-10.3.3-s3-versioning") == {
        "aws_s3_bucket.exports": "fail",
        "aws_s3_bucket.logs": "fail",
        "aws_s3_bucket.statements": "fail",
    }
    statuses = findings(run, COMPUTED, "pci-10.2.1-s3-access-logging")
    assert statuses["aws_s3_bucket.statements"] == "fail"
    assert findings(run, COMPUTED, "pci-7.2.1-iam-no-full-admin")["aws_iam_role.batch"] == "pass"


def test_without_the_source_an_unset_computed_block_stays_unknown() -> None:
    # The plan's configuration leaves dynamic blocks out: only the source shows none is written.
    found = by_address(snapshot_of(COMPUTED, with_source=False))
    assert isinstance(found["aws_iam_role.batch"].attributes["inline_policy"], Unresolved)


def test_computed_blocks_the_configuration_sets_with_unknown_values_stay_unknown(
    run: Callable[..., Run],
) -> None:
    found = by_address(snapshot_of(COMPUTED))
    (logging,) = found["aws_s3_bucket.exports"].attributes["logging"]
    assert logging["target_bucket"] == Reference("aws_s3_bucket.logs", "id")
    (inline,) = found["aws_iam_role.reader"].attributes["inline_policy"]
    assert inline == {
        "name": "read-statements",
        "policy": Reference("data.aws_iam_policy_document.read_statements", "json"),
    }
    # A `dynamic` block is not in the plan's configuration; the source shows it.
    assert isinstance(found["aws_iam_role.dynamic"].attributes["inline_policy"], Unresolved)
    statuses = findings(run, COMPUTED, "pci-7.2.1-iam-no-full-admin")
    assert statuses["aws_iam_role.reader"] == statuses["aws_iam_role.dynamic"] == "error"


def test_a_computed_block_the_plan_knows_in_part_came_from_the_configuration(
    tmp_path: Path,
) -> None:
    # A `dynamic` block over known keys: the plan alone shows no block in the configuration.
    def known_in_part(plan: dict[str, Any]) -> None:
        (role,) = [
            r
            for r in plan["planned_values"]["root_module"]["resources"]
            if r["address"] == "aws_iam_role.dynamic"
        ]
        role["values"]["inline_policy"] = [{"name": "read-statements"}]
        (change,) = [c for c in plan["resource_changes"] if c["address"] == "aws_iam_role.dynamic"]
        change["change"]["after_unknown"]["inline_policy"] = [{"policy": True}]

    path = edited_plan(COMPUTED, tmp_path, known_in_part)
    role = by_address(snapshot_of(COMPUTED, path, with_source=False))["aws_iam_role.dynamic"]
    (inline,) = role.attributes["inline_policy"]
    assert inline["name"] == "read-statements"
    assert isinstance(inline["policy"], Unresolved)


# -- encodings -------------------------------------------------------------------------------

UTF16 = DATA / "terraform" / "plan-utf16"


def test_a_plan_written_by_powershell_in_utf16_is_read() -> None:
    assert (UTF16 / "plan.json").read_bytes().startswith(codecs.BOM_UTF16_LE)
    bucket = by_address(snapshot_of(UTF16))["aws_s3_bucket.statements"]
    assert bucket.tags == {"Owner": "Überweisungen in €"}
    assert bucket.region == "eu-west-1"
    assert (bucket.location.file, bucket.location.line) == (
        "tests/data/terraform/plan-utf16/main.tf",
        5,
    )


@pytest.mark.parametrize(
    ("mark", "encoding"),
    [
        (b"", "utf-8"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_plans_in_utf8_and_utf16_with_a_byte_order_mark_are_read(
    tmp_path: Path, mark: bytes, encoding: str
) -> None:
    text = (UTF16 / "plan.json").read_text(encoding="utf-16")
    path = tmp_path / "plan.json"
    path.write_bytes(mark + text.encode(encoding))
    bucket = by_address(snapshot_of(UTF16, path))["aws_s3_bucket.statements"]
    assert bucket.tags == {"Owner": "Überweisungen in €"}


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("cp1252", "neither UTF-8 nor UTF-16 with a byte order mark (invalid continuation byte"),
        ("utf-16-le", "NUL bytes, as UTF-16 without a byte order mark does"),
    ],
)
def test_a_plan_in_another_encoding_is_a_usage_error(
    tmp_path: Path, encoding: str, named: str
) -> None:
    text = (UTF16 / "plan.json").read_text(encoding="utf-16")
    path = tmp_path / "plan.json"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(AdapterError) as raised:
        TerraformAdapter([], plan=path).collect()
    assert str(raised.value).startswith(f"{path}: cannot read the plan: ")
    assert named in str(raised.value)
