provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "sandbox"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

provider "aws" {
  alias  = "logging"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::777788889999:role/terraform"
  }
}

variable "manage_account_public_access_block" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = false
}

resource "aws_s3_account_public_access_block" "account" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = false
}

# Only one setting written; the provider leaves the other three off.
resource "aws_s3_account_public_access_block" "sandbox" {
  provider          = aws.sandbox
  block_public_acls = true
}

# Settings from variables, the resource made with count.
resource "aws_s3_account_public_access_block" "logging" {
  count    = var.manage_account_public_access_block ? 1 : 0
  provider = aws.logging

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.restrict_public_buckets
}
