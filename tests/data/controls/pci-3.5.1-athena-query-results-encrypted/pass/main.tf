provider "aws" {
  region = "eu-west-1"
}

variable "results_encryption" {
  type    = string
  default = "SSE_KMS"
}

# enforce_workgroup_configuration is left at its default, true.
resource "aws_athena_workgroup" "analytics" {
  name = "analytics"

  configuration {
    publish_cloudwatch_metrics_enabled = true

    result_configuration {
      output_location = "s3://payments-athena-results/analytics/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}

resource "aws_athena_workgroup" "reconciliation" {
  name = "reconciliation"

  configuration {
    enforce_workgroup_configuration = true

    result_configuration {
      output_location = "s3://payments-athena-results/reconciliation/"

      encryption_configuration {
        encryption_option = "CSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}

resource "aws_athena_workgroup" "from_variable" {
  name = "settlement"

  configuration {
    result_configuration {
      output_location = "s3://payments-athena-results/settlement/"

      encryption_configuration {
        encryption_option = var.results_encryption
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}

resource "aws_kms_key" "athena" {
  description         = "Athena query results"
  enable_key_rotation = true
}
