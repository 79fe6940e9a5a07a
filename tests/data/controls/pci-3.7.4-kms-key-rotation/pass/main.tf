provider "aws" {
  region = "eu-west-1"
}

variable "rotate_keys" {
  type    = bool
  default = true
}

resource "aws_kms_key" "data" {
  description         = "statements"
  enable_key_rotation = true
}

resource "aws_kms_key" "from_variable" {
  description              = "tokens"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"
  enable_key_rotation      = var.rotate_keys
  rotation_period_in_days  = 180
}

resource "aws_kms_key" "multi_region" {
  description         = "replicated ledger"
  multi_region        = true
  enable_key_rotation = true
}

resource "aws_kms_key" "per_service" {
  for_each            = toset(["s3", "logs"])
  description         = "key for ${each.key}"
  enable_key_rotation = true
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

# A disabled key encrypts and decrypts nothing: not judged (as in AWS).
resource "aws_kms_key" "retired" {
  description = "retired 2023 statements key"
  is_enabled  = false
}

module "kms_rotated" {
  source      = "./modules/kms"
  description = "secrets"
}

module "kms_signing" {
  source                   = "./modules/kms"
  description              = "webhook signatures"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "RSA_2048"
  enable_key_rotation      = false
}
