"""Terraform's JSON syntax read beside the native one: `*.tf.json` and `*.tfvars.json`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from adapters.terraform import TerraformAdapter
from tests.conftest import DATA, Run

JSON_ROOT = DATA / "terraform" / "json-root"
CONTROLS = ("--control", "pci-3.5.1-rds-storage-encrypted", "--control", "pci-1.4.4-rds-not-public")


def test_a_public_unencrypted_database_in_tf_json_fails_both_controls_at_its_line(
    run: Callable[..., Run],
) -> None:
    result = run("scan", "terraform", JSON_ROOT, *CONTROLS, "--format", "json")
    assert result.code == 1, result.err
    failures = {
        (control["id"], finding["resource"]): finding["location"]
        for control in result.json()["controls"]
        for finding in control["findings"]
        if finding["status"] == "fail"
    }
    where = {"file": "tests/data/terraform/json-root/db.tf.json", "line": 4, "end_line": 10}
    assert failures == {
        ("pci-3.5.1-rds-storage-encrypted", "aws_db_instance.ledger"): where,
        ("pci-1.4.4-rds-not-public", "aws_db_instance.ledger"): where,
    }


def test_a_json_comment_property_waives_like_a_comment(run: Callable[..., Run]) -> None:
    result = run("scan", "terraform", JSON_ROOT, *CONTROLS, "--format", "json")
    waived = [
        finding
        for control in result.json()["controls"]
        for finding in control["findings"]
        if finding["status"] == "waived"
    ]
    (finding,) = waived
    assert finding["resource"] == "aws_db_instance.reports"
    assert finding["waiver"]["reason"] == "holds only public report templates"


def test_json_references_templates_and_tfvars_json_values() -> None:
    snapshot = TerraformAdapter([JSON_ROOT]).collect()
    resources = {resource.address: resource for resource in snapshot.resources}
    reports = resources["aws_db_instance.reports"].attributes
    assert reports["identifier"] == "reports-payments-statements"
    # A .tfvars.json value is a value as written, never a template.
    assert resources["aws_sqs_queue.jobs"].attributes["name"] == "jobs-prod-${not_a_template}"
    assert snapshot.metadata["roots"] == ["tests/data/terraform/json-root"]


def test_a_folder_of_only_tf_json_is_a_root_module(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(
        '{"resource": {"aws_s3_bucket": {"data": {"bucket": "only-json"}}}}', "utf-8"
    )
    (resource,) = [
        r for r in TerraformAdapter([tmp_path]).collect().resources if r.type == "aws_s3_bucket"
    ]
    assert resource.attributes["bucket"] == "only-json"


def test_a_bad_tf_json_or_tfvars_json_is_an_error_naming_its_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf.json").write_text(
        '{\n  "resource": {\n    "aws_s3_bucket": [,]\n}}', "utf-8"
    )
    (tmp_path / "vars.tf").write_text('variable "x" {\n  default = "d"\n}\n', "utf-8")
    (tmp_path / "terraform.tfvars.json").write_text('{\n  "x": "a",\n  "x": "b"\n}', "utf-8")
    snapshot = TerraformAdapter([tmp_path]).collect()
    lines = {(Path(e.location.file or "").name, e.location.line) for e in snapshot.errors}
    assert ("main.tf.json", 3) in lines
    assert ("terraform.tfvars.json", 3) in lines
