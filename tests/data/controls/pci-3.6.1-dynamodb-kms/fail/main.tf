provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "idempotency" {
  name     = "idempotency"
  hash_key = "key"
  attribute {
    name = "key"
    type = "S"
  }
}

# Enabled without a key: the AWS-managed aws/dynamodb key.
resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled = true
  }
}

# terraform-aws-modules/dynamodb-table style, left at its defaults.
variable "server_side_encryption_enabled" {
  type    = bool
  default = false
}

variable "server_side_encryption_kms_key_arn" {
  type    = string
  default = null
}

resource "aws_dynamodb_table" "this" {
  name     = "ledger-events"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = var.server_side_encryption_enabled
    kms_key_arn = var.server_side_encryption_kms_key_arn
  }
}

# The AWS-managed key written out by its alias.
resource "aws_dynamodb_table" "aws_managed_alias" {
  name     = "ledger-events"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = "alias/aws/dynamodb"
  }
}
