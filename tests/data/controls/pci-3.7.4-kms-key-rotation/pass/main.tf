provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  description         = "statements"
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}
