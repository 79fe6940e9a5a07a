"""Terraform's sensitivity is carried into every value computed from a sensitive one.

Every secret here is fake, made up for the tests.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

from adapters.terraform import TerraformAdapter
from checker.engine import evaluate
from checker.library import builtin_policy_dir
from checker.models import Resource, Status
from checker.policy import load_controls
from checker.redaction import MASK
from checker.serialization import snapshot_to_dict
from tests.conftest import DATA

TOKEN = "fake-sensitive-token-1234"


def scan(folder: Path, **files: str) -> dict[str, Resource]:
    """The resources of a module written from `files`, checked to hold the token nowhere."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    snapshot = TerraformAdapter([folder]).collect()
    assert TOKEN not in json.dumps(snapshot_to_dict(snapshot))
    return {resource.address: resource for resource in snapshot.resources}


SENSITIVE_VARIABLE = f"""
variable "deploy" {{
  type      = string
  sensitive = true
  default   = "{TOKEN}"
}}
"""


def test_a_sensitive_variable_is_masked_through_locals_interpolation_and_merge(
    tmp_path: Path,
) -> None:
    resources = scan(
        tmp_path,
        **{
            "main.tf": SENSITIVE_VARIABLE
            + """
locals {
  marker = "build-${var.deploy}"
  tags   = merge({ DataClassification = "cardholder" }, { Marker = local.marker })
}

resource "aws_s3_bucket" "data" {
  bucket = "statements"
  tags   = merge(local.tags, { Raw = var.deploy, Upper = upper(var.deploy) })
}
"""
        },
    )
    assert resources["aws_s3_bucket.data"].tags == {
        "DataClassification": "cardholder",
        "Marker": f"build-{MASK}",
        "Raw": MASK,
        "Upper": MASK,
    }
    assert resources["var.deploy"].attributes["default"] == MASK


def test_a_secret_in_a_script_is_masked_where_it_stands_so_the_check_still_sees_it(
    tmp_path: Path,
) -> None:
    resources = scan(
        tmp_path,
        **{
            "main.tf": SENSITIVE_VARIABLE
            + """
resource "aws_instance" "web" {
  ami       = "ami-0123456789abcdef0"
  user_data = templatefile("${path.module}/init.sh", { password = var.deploy })
}

resource "aws_launch_template" "web" {
  user_data = base64encode("export DB_PASSWORD=${var.deploy}\\n")
}
""",
            "init.sh": "#!/bin/bash\nexport DB_PASSWORD=${password}\nstart\n",
        },
    )
    assert resources["aws_instance.web"].attributes["user_data"] == (
        f"#!/bin/bash\nexport DB_PASSWORD={MASK}\nstart\n"
    )
    # Decoded from a base64 argument that is secret as a whole, and masked where it stands.
    template = resources["aws_launch_template.web"].attributes
    assert template["user_data"] == f"export DB_PASSWORD={MASK}\n"
    controls = load_controls([builtin_policy_dir()])
    wanted = [c for c in controls if c.id == "pci-8.6.2-user-data-secrets"]
    snapshot = TerraformAdapter([tmp_path]).collect()
    (result,) = evaluate(wanted, [snapshot]).results
    assert {f.resource: f.status for f in result.findings}["aws_instance.web"] is Status.FAIL


def test_sensitive_outputs_and_secret_named_locals_are_masked_where_used(tmp_path: Path) -> None:
    resources = scan(
        tmp_path,
        **{
            "main.tf": f"""
locals {{
  release_token = "{TOKEN}"
  release       = "2026.11"
}}

module "vault" {{
  source = "./vault"
  seed   = "{TOKEN}"
}}

resource "aws_sqs_queue" "jobs" {{
  name = "jobs"
  tags = {{ Release = local.release, Deploy = local.release_token, Vault = module.vault.handle }}
}}
""",
            "vault/main.tf": """
variable "seed" {
  type = string
}

output "handle" {
  value     = "vault-${var.seed}"
  sensitive = true
}
""",
        },
    )
    assert resources["aws_sqs_queue.jobs"].tags == {
        "Release": "2026.11",
        "Deploy": MASK,
        "Vault": MASK,
    }


def test_checks_of_presence_keep_their_verdict_on_a_masked_value(tmp_path: Path) -> None:
    resources = scan(
        tmp_path,
        **{
            "main.tf": f"""
variable "queue_key" {{
  type      = string
  sensitive = true
  default   = "{TOKEN}"
}}

resource "aws_sqs_queue" "jobs" {{
  name              = "jobs"
  kms_master_key_id = var.queue_key
}}
"""
        },
    )
    assert resources["aws_sqs_queue.jobs"].attributes["kms_master_key_id"] == MASK
    controls = [c for c in load_controls([builtin_policy_dir()]) if c.id.endswith("sqs-encryption")]
    (result,) = evaluate(controls, [TerraformAdapter([tmp_path]).collect()]).results
    assert result.status is Status.PASS


def test_secure_string_parameters_and_provider_default_tags_are_masked(tmp_path: Path) -> None:
    resources = scan(
        tmp_path,
        **{
            "main.tf": SENSITIVE_VARIABLE
            + f"""
provider "aws" {{
  region = "eu-west-1"
  default_tags {{
    tags = {{ Deploy = var.deploy, Team = "payments" }}
  }}
}}

resource "aws_ssm_parameter" "upstream" {{
  name  = "/payments/upstream"
  type  = "SecureString"
  value = "{TOKEN}"
}}

resource "aws_ssm_parameter" "bucket" {{
  name  = "/payments/bucket"
  type  = "String"
  value = "statements"
}}
"""
        },
    )
    assert resources["aws_ssm_parameter.upstream"].attributes["value"] == MASK
    assert resources["aws_ssm_parameter.bucket"].attributes["value"] == "statements"
    assert resources["aws_ssm_parameter.bucket"].tags == {"Deploy": MASK, "Team": "payments"}


def test_a_plan_masks_the_paths_its_sensitive_values_flag() -> None:
    folder = DATA / "terraform" / "secrets-canaries-plan"
    snapshot = TerraformAdapter([folder], plan=folder / "plan.json").collect()
    resources = {resource.address: resource for resource in snapshot.resources}
    bucket = resources["aws_s3_bucket.exports"]
    assert bucket.attributes["tags"] == {"DataClassification": "cardholder", "Deploy": MASK}
    assert bucket.tags == {"DataClassification": "cardholder", "Deploy": MASK}
    assert resources["aws_ssm_parameter.upstream"].attributes["value"] == MASK
    assert resources["aws_ssm_parameter.upstream"].attributes["name"] == (
        "/payments/upstream/endpoint"
    )
    database = resources["aws_db_instance.ledger"].attributes
    assert database["password"] == MASK
    assert database["publicly_accessible"] is True
    assert database["tags"]["Rotation"] == MASK


def test_a_policy_document_holding_a_sensitive_value_masks_it(tmp_path: Path) -> None:
    resources = scan(
        tmp_path,
        **{
            "main.tf": f"""
variable "external_id" {{
  type      = string
  sensitive = true
  default   = "{TOKEN}"
}}

data "aws_iam_policy_document" "assume" {{
  statement {{
    actions = ["sts:AssumeRole"]
    principals {{
      type        = "AWS"
      identifiers = ["arn:aws:iam::222233334444:root"]
    }}
    condition {{
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [var.external_id]
    }}
  }}
}}

resource "aws_iam_role" "audit" {{
  name               = "audit"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}}
"""
        },
    )
    policy = json.loads(resources["aws_iam_role.audit"].attributes["assume_role_policy"])
    (statement,) = policy["Statement"]
    assert statement["Action"] == ["sts:AssumeRole"]
    assert statement["Condition"] == {"StringEquals": {"sts:ExternalId": [MASK]}}


def test_base64_user_data_is_kept_decoded_and_masked_not_encoded(tmp_path: Path) -> None:
    script = "#!/bin/bash\nexport DB_PASSWORD='Fake-user-data-password-9'\n"
    encoded = base64.b64encode(script.encode()).decode()
    (tmp_path / "main.tf").write_text(
        'resource "aws_instance" "batch" {\n'
        '  ami              = "ami-0a1b2c3d4e5f60718"\n'
        f'  user_data_base64 = "{encoded}"\n'
        "}\n",
        encoding="utf-8",
    )
    (instance,) = TerraformAdapter([tmp_path]).collect().resources
    assert instance.attributes["user_data_base64"] == MASK
    assert "DB_PASSWORD=" in instance.attributes["user_data"]
    assert encoded not in str(instance.attributes)
    assert "Fake-user-data-password-9" not in str(instance.attributes)
