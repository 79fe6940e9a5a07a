"""Verdicts that depend on how Terraform is written: split S3 resources and tfvars values."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import DATA, Run

RunCli = Callable[..., Run]


def statuses(run: RunCli, folder: Path, control: str) -> dict[str, str]:
    report = run("scan", "terraform", folder, "--control", control, "--format", "json").json()
    return {f["resource"]: f["status"] for f in report["controls"][0]["findings"]}


def test_split_encryption_resource_makes_the_bucket_pass(run: RunCli, tmp_path: Path) -> None:
    passing = DATA / "controls" / "pci-3.5.1-s3-kms-encryption" / "pass" / "main.tf"
    text = passing.read_text(encoding="utf-8")
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    control = "pci-3.5.1-s3-kms-encryption"
    assert statuses(run, tmp_path, control) == {"aws_s3_bucket.data": "pass"}
    without = text[: text.index('resource "aws_s3_bucket_server_side_encryption_configuration"')]
    (tmp_path / "main.tf").write_text(without, encoding="utf-8")
    assert statuses(run, tmp_path, control) == {"aws_s3_bucket.data": "fail"}


def test_a_value_from_terraform_tfvars_changes_the_verdict(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "retention" {\n  default = 400\n}\n\n'
        'resource "aws_cloudwatch_log_group" "audit" {\n'
        '  name              = "/payments/audit"\n'
        "  retention_in_days = var.retention\n}\n",
        encoding="utf-8",
    )
    control = "pci-10.5.1-log-retention"
    assert statuses(run, tmp_path, control) == {"aws_cloudwatch_log_group.audit": "pass"}
    (tmp_path / "terraform.tfvars").write_text("retention = 30\n", encoding="utf-8")
    assert statuses(run, tmp_path, control) == {"aws_cloudwatch_log_group.audit": "fail"}
    (tmp_path / "terraform.tfvars").unlink()
    (tmp_path / "retention.auto.tfvars").write_text("retention = 90\n", encoding="utf-8")
    assert statuses(run, tmp_path, control) == {"aws_cloudwatch_log_group.audit": "fail"}


def test_an_unknown_variable_is_an_error_not_a_pass(run: RunCli, tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'variable "retention" {}\n\n'
        'resource "aws_cloudwatch_log_group" "audit" {\n'
        '  name              = "/payments/audit"\n'
        "  retention_in_days = var.retention\n}\n",
        encoding="utf-8",
    )
    result = run(
        "scan", "terraform", tmp_path, "--control", "pci-10.5.1-log-retention", "--format", "json"
    )
    (finding,) = result.json()["controls"][0]["findings"]
    assert finding["status"] == "error"
    assert "var.retention" in finding["message"]
    assert result.code == 3


def test_undeclared_volumes_pass_only_with_encryption_by_default_in_the_configuration(
    run: RunCli, tmp_path: Path
) -> None:
    compute = (
        'resource "aws_instance" "batch" {\n  ami = "ami-0a1b2c3d4e5f60718"\n}\n\n'
        'resource "aws_launch_template" "workers" {\n  image_id = "ami-0a1b2c3d4e5f60718"\n}\n'
    )
    (tmp_path / "main.tf").write_text(compute, encoding="utf-8")
    control = "pci-3.5.1-ebs-volume-encrypted"
    both = ("aws_instance.batch", "aws_launch_template.workers")
    assert statuses(run, tmp_path, control) == dict.fromkeys(both, "fail")
    default = 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = %s\n}\n'
    (tmp_path / "account.tf").write_text(default % "false", encoding="utf-8")
    assert statuses(run, tmp_path, control) == dict.fromkeys(both, "fail")
    (tmp_path / "account.tf").write_text(default % "true", encoding="utf-8")
    assert statuses(run, tmp_path, control) == dict.fromkeys(both, "pass")
    # A root module of its own does not vouch for this one's account.
    other = tmp_path / "other"
    other.mkdir()
    (tmp_path / "account.tf").rename(other / "main.tf")
    assert statuses(run, tmp_path, control) == dict.fromkeys(both, "fail")


def test_a_resource_whose_for_each_is_unknown_is_an_error_under_a_scoped_control(
    run: RunCli, tmp_path: Path
) -> None:
    # Its tags are not known either, so it cannot be ruled out of scope.
    (tmp_path / "main.tf").write_text(
        'variable "names" {}\n\n'
        'resource "aws_s3_bucket" "cards" {\n'
        "  for_each = var.names\n"
        "  bucket   = each.key\n"
        '  tags     = { DataClassification = "cardholder" }\n}\n',
        encoding="utf-8",
    )
    control_id = "pci-3.5.1-s3-kms-encryption"
    result = run("scan", "terraform", tmp_path, "--control", control_id, "--format", "json")
    (control,) = result.json()["controls"]
    assert control["status"] == "error"
    assert "var.names" in control["findings"][0]["message"]
    assert result.code == 3
