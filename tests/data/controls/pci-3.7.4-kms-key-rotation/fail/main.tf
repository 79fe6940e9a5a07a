provider "aws" {
  region = "eu-west-1"
}

variable "rotate_keys" {
  type    = bool
  default = false
}

# Left implicit: the provider creates the key without automatic rotation.
resource "aws_kms_key" "data" {
  description = "statements"
}

resource "aws_kms_key" "explicit" {
  description         = "exports"
  enable_key_rotation = false
}

resource "aws_kms_key" "from_variable" {
  description              = "tokens"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"
  enable_key_rotation      = var.rotate_keys
}

resource "aws_kms_key" "multi_region" {
  description  = "replicated ledger"
  multi_region = true
}

resource "aws_kms_key" "per_service" {
  for_each            = { s3 = true, logs = false }
  description         = "key for ${each.key}"
  enable_key_rotation = each.value
}

# Asymmetric and HMAC keys cannot rotate automatically: not judged.
resource "aws_kms_key" "signing" {
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}

resource "aws_kms_key" "hmac" {
  key_usage                = "GENERATE_VERIFY_MAC"
  customer_master_key_spec = "HMAC_256"
}

module "kms_unrotated" {
  source              = "./modules/kms"
  description         = "backups"
  enable_key_rotation = false
}

# The module's default rotates.
module "kms_rotated" {
  source      = "./modules/kms"
  description = "secrets"
}

# A disabled key encrypts and decrypts nothing: not judged (as in AWS).
resource "aws_kms_key" "retired" {
  description = "retired 2023 statements key"
  is_enabled  = false
}
