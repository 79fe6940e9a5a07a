provider "aws" {
  region = "eu-west-1"
}

resource "aws_backup_vault" "ledger" {
  name        = "ledger-vault"
  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_backup_vault_lock_configuration" "ledger" {
  backup_vault_name   = aws_backup_vault.ledger.name
  min_retention_days  = 35
  max_retention_days  = 365
  changeable_for_days = 3
}

# Governance mode (no changeable_for_days), by the vault's literal name.
resource "aws_backup_vault" "statements" {
  name = "statements-vault"

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_backup_vault_lock_configuration" "statements" {
  backup_vault_name  = "statements-vault"
  min_retention_days = 7
}
