provider "aws" {
  region = "eu-west-1"
}

# No lock: recovery points can be deleted at any time.
resource "aws_backup_vault" "ledger" {
  name        = "ledger-vault"
  kms_key_arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

  tags = {
    DataClassification = "cardholder"
  }
}

# Locked, but recovery points may be deleted after one day.
resource "aws_backup_vault" "customers" {
  name = "customers-vault"

  tags = {
    DataClassification = "personal"
  }
}

resource "aws_backup_vault_lock_configuration" "customers" {
  backup_vault_name   = aws_backup_vault.customers.name
  min_retention_days  = 1
  max_retention_days  = 365
  changeable_for_days = 3
}

# Locked without a minimum retention, by the vault's literal name.
resource "aws_backup_vault" "statements" {
  name = "statements-vault"

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_backup_vault_lock_configuration" "statements" {
  backup_vault_name  = "statements-vault"
  max_retention_days = 365
}

# Not tagged as holding cardholder or personal data: not judged.
resource "aws_backup_vault" "sandbox" {
  name = "sandbox-vault"
}
