provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "db" {
  name = "ledger-db"
  kms_key_id = aws_kms_key.data.arn
}

resource "aws_kms_alias" "secrets" {
  name          = "alias/payments-secrets"
  target_key_id = aws_kms_key.data.key_id
}

# A customer-managed key named by its alias.
resource "aws_secretsmanager_secret" "api" {
  name       = "psp-api-key"
  kms_key_id = "alias/payments-secrets"
}

# A customer-managed key from another stack, by its literal ARN.
resource "aws_secretsmanager_secret" "webhook" {
  name       = "psp-webhook"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
