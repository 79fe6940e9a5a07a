"""The Terraform adapter: addresses, modules, variables, locations and errors."""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from adapters.base import AdapterError
from adapters.terraform import TerraformAdapter
from checker.models import Reference, Resource, Snapshot, Unresolved
from tests.conftest import DATA

TERRAFORM = DATA / "terraform"


def collect(folder: str, **options: object) -> Snapshot:
    return TerraformAdapter([TERRAFORM / folder], **options).collect()  # type: ignore[arg-type]


def by_address(snapshot: Snapshot) -> dict[str, Resource]:
    return {resource.address: resource for resource in snapshot.resources}


def test_python_hcl2_is_the_7x_line_that_gives_line_numbers() -> None:
    assert version("python-hcl2").startswith("7.")


def test_count_for_each_and_module_addresses_match_terraform() -> None:
    addresses = set(by_address(collect("expansion")))
    assert {
        "aws_s3_bucket.logs[0]",
        "aws_s3_bucket.logs[1]",
        'aws_sqs_queue.jobs["refunds"]',
        'aws_sqs_queue.jobs["settlement"]',
        'aws_kms_key.by_name["a"]',
        'aws_kms_key.by_name["b"]',
        "module.statements.aws_s3_bucket.this",
        "module.regional[0].aws_s3_bucket.this",
        "module.regional[1].aws_s3_bucket.this",
        'module.keyed["eu"].aws_s3_bucket.this',
    } <= addresses


def test_every_resource_carries_its_file_and_line() -> None:
    resources = by_address(collect("expansion"))
    logs = resources["aws_s3_bucket.logs[1]"].location
    assert (logs.file, logs.line) == ("tests/data/terraform/expansion/main.tf", 33)
    inner = resources["module.regional[0].aws_s3_bucket.this"].location
    assert (inner.file, inner.line) == ("tests/data/terraform/expansion/modules/bucket/main.tf", 9)


def test_tfvars_locals_interpolation_and_each_values_are_resolved() -> None:
    resources = by_address(collect("expansion"))
    assert resources["aws_s3_bucket.logs[1]"].attributes["bucket"] == "pay-prod-logs-1"
    assert resources['aws_sqs_queue.jobs["refunds"]'].attributes["name"] == "pay-prod-refunds"
    assert resources['aws_kms_key.by_name["b"]'].attributes["deletion_window_in_days"] == 30
    assert resources['aws_kms_key.by_name["a"]'].attributes["enable_key_rotation"] is True
    assert resources["module.statements.aws_s3_bucket.this"].attributes["bucket"] == (
        "pay-prod-statements"
    )
    assert resources["aws_ssm_parameter.statements_arn"].attributes["value"] == (
        "pay-prod-statements"
    )


def test_var_file_overrides_defaults_and_tfvars() -> None:
    default = by_address(collect("expansion"))["aws_s3_bucket_versioning.logs"]
    assert default.attributes["versioning_configuration"] == [{"status": "Disabled"}]
    overridden = by_address(
        collect("expansion", var_files=[TERRAFORM / "expansion" / "versioning-enabled.tfvars"])
    )["aws_s3_bucket_versioning.logs"]
    assert overridden.attributes["versioning_configuration"] == [{"status": "Enabled"}]


def test_a_missing_var_file_is_a_usage_error() -> None:
    with pytest.raises(AdapterError, match=r"no-such\.tfvars"):
        collect("expansion", var_files=[Path("no-such.tfvars")])


def test_dynamic_blocks_expand_into_nested_blocks() -> None:
    group = by_address(collect("expansion"))["aws_security_group.web"]
    assert [rule["from_port"] for rule in group.attributes["ingress"]] == [443, 8443]


def test_references_point_at_resource_instances_inside_their_module() -> None:
    resources = by_address(collect("expansion"))
    assert resources["aws_s3_bucket_versioning.logs"].attributes["bucket"] == Reference(
        "aws_s3_bucket.logs[0]", "id", "tests/data/terraform/expansion"
    )
    inner = resources['module.keyed["eu"].aws_s3_bucket_versioning.this'].attributes["bucket"]
    assert inner.target == 'module.keyed["eu"].aws_s3_bucket.this'


def test_regions_and_default_tags_come_from_the_provider_in_use() -> None:
    resources = by_address(collect("expansion"))
    assert resources["aws_s3_bucket.logs[0]"].region == "eu-west-1"
    assert resources["aws_s3_bucket.logs[0]"].tags == {
        "Owner": "platform",
        "Service": "payments",
        "Env": "prod",
    }
    assert resources["aws_s3_bucket.replica"].region == "eu-central-1"
    keyed = resources['module.keyed["eu"].aws_s3_bucket.this']
    assert keyed.region == "eu-central-1"
    assert keyed.tags == {"DataClassification": "personal"}


def test_a_corrupt_file_is_an_error_naming_file_and_line_and_the_rest_is_kept() -> None:
    snapshot = collect("corrupt")
    assert "aws_s3_bucket.kept" in by_address(snapshot)
    (error,) = snapshot.errors
    assert error.location.file == "tests/data/terraform/corrupt/broken.tf"
    assert error.location.line == 3
    assert "not valid HCL" in error.message


def test_unknown_values_stay_unresolved_with_their_expression() -> None:
    resources = by_address(collect("unresolved"))
    many = resources["aws_s3_bucket.many"]
    assert many.unresolved == Unresolved(
        "var.bucket_count", "no value given: set it in terraform.tfvars or --var-file"
    )
    ledger = resources["aws_db_instance.ledger"].attributes
    assert isinstance(ledger["storage_encrypted"], Unresolved)
    assert "uuid" in ledger["storage_encrypted"].expression
    assert ledger["kms_key_id"] == Reference(
        "aws_kms_key.db", "arn", "tests/data/terraform/unresolved"
    )
    assert isinstance(resources["aws_s3_bucket.one"].region, Unresolved)


def test_a_skip_without_a_reason_is_an_error() -> None:
    snapshot = collect("unresolved")
    (error,) = snapshot.errors
    assert "has no reason" in error.message
    assert error.location.line == 29
    assert resources_with_suppressions(snapshot) == []


def resources_with_suppressions(snapshot: Snapshot) -> list[str]:
    return [resource.address for resource in snapshot.resources if resource.suppressions]


def test_a_module_source_that_was_not_downloaded_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n', encoding="utf-8"
    )
    snapshot = TerraformAdapter([tmp_path]).collect()
    (error,) = snapshot.errors
    assert "terraform init" in error.message
    assert error.location.line == 1


def test_child_module_folders_are_not_scanned_as_roots() -> None:
    snapshot = collect("expansion")
    assert snapshot.metadata["roots"] == ["tests/data/terraform/expansion"]
    assert not any(r.address == "aws_s3_bucket.this" for r in snapshot.resources)


def test_a_folder_without_terraform_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(AdapterError, match=r"no Terraform files"):
        TerraformAdapter([tmp_path]).collect()


def test_an_unreadable_tfvars_makes_variables_unresolved_not_defaulted(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "mode" {\n  default = "Enabled"\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = var.mode\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "terraform.tfvars").write_text("mode = = 1\n", encoding="utf-8")
    snapshot = TerraformAdapter([tmp_path]).collect()
    assert isinstance(by_address(snapshot)["aws_s3_bucket.b"].attributes["bucket"], Unresolved)
    assert snapshot.errors[0].location.file is not None
    assert snapshot.errors[0].location.file.endswith("terraform.tfvars")


def test_base64_user_data_is_read_decoded_and_redacted(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_launch_template" "batch" {\n'
        '  user_data = base64encode("export DB_PASSWORD=fake-canary-value\\nstart\\n")\n}\n',
        encoding="utf-8",
    )
    template = by_address(TerraformAdapter([tmp_path]).collect())["aws_launch_template.batch"]
    assert template.attributes["user_data"] == "export DB_PASSWORD=****\nstart\n"


@pytest.mark.parametrize(
    ("manifest", "said"),
    [
        ("garbage", "cannot be read"),
        ('{"Modules": 5}', "is not what `terraform init` writes"),
        ('{"Modules": [5]}', "is not what `terraform init` writes"),
        ('{"Modules": [{"Key": "store", "Dir": 7}]}', "module store has no folder"),
    ],
)
def test_a_malformed_modules_json_is_an_error_naming_it(
    tmp_path: Path, manifest: str, said: str
) -> None:
    (tmp_path / "main.tf").write_text(
        'module "store" {\n  source = "terraform-aws-modules/s3-bucket/aws"\n}\n', "utf-8"
    )
    (tmp_path / ".terraform" / "modules").mkdir(parents=True)
    (tmp_path / ".terraform" / "modules" / "modules.json").write_text(manifest, "utf-8")
    snapshot = TerraformAdapter([tmp_path]).collect()
    (error,) = snapshot.errors
    assert "modules.json" in error.message
    assert said in error.message
