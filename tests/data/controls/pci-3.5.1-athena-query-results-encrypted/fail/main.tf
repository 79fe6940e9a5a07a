provider "aws" {
  region = "eu-west-1"
}

variable "results_encryption" {
  type    = string
  default = "SSE_S3"
}

# Nothing set: results are written unencrypted by the workgroup's own setting.
resource "aws_athena_workgroup" "defaults" {
  name = "adhoc"
}

# S3-managed keys: encrypted, but not with a KMS key whose policy limits who decrypts.
resource "aws_athena_workgroup" "sse_s3" {
  name = "analytics"

  configuration {
    publish_cloudwatch_metrics_enabled = true

    result_configuration {
      output_location = "s3://payments-athena-results/analytics/"

      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}

# KMS, but clients may override the result configuration with their own.
resource "aws_athena_workgroup" "not_enforced" {
  name = "reconciliation"

  configuration {
    enforce_workgroup_configuration = false

    result_configuration {
      output_location = "s3://payments-athena-results/reconciliation/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}

# An output location but no encryption_configuration.
resource "aws_athena_workgroup" "output_only" {
  name = "chargebacks"

  configuration {
    result_configuration {
      output_location = "s3://payments-athena-results/chargebacks/"
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
      }
    }
  }
}

resource "aws_kms_key" "athena" {
  description         = "Athena query results"
  enable_key_rotation = true
}
