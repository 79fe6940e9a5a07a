"""The Terraform source: `.tf` trees evaluated statically, or plans from `terraform show -json`."""

from adapters.terraform.adapter import TerraformAdapter

__all__ = ["TerraformAdapter"]
