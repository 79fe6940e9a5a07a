provider "aws" {
  region = "eu-west-1"
}

resource "aws_secretsmanager_secret" "db" {
  name = "ledger-db"
}

# An empty key id sets no key.
resource "aws_secretsmanager_secret" "empty" {
  name       = "psp-empty"
  kms_key_id = ""
}

# Module style: the key left to a variable that defaults to null.
variable "kms_key_id" {
  type    = string
  default = null
}

resource "aws_secretsmanager_secret" "this" {
  name       = "ledger-reader"
  kms_key_id = var.kms_key_id
}

# The AWS-managed key the message names, written out.
resource "aws_secretsmanager_secret" "aws_managed_alias" {
  name       = "payments/psp-api"
  kms_key_id = "alias/aws/secretsmanager"
}
