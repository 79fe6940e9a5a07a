provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "cardholder"
  region = "eu-west-1"
  default_tags {
    tags = {
      DataClassification = "cardholder"
    }
  }
}

locals {
  personal = { DataClassification = "personal" }
}

resource "aws_s3_bucket" "logs" {
  bucket = "pay-logs"
  tags = {
    DataClassification = "internal"
  }
}

# Logging as its own resource (AWS provider v4+).
resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "data/"
}

# Tagged through default_tags; the logging resource names the bucket by its name.
resource "aws_s3_bucket" "vault" {
  provider = aws.cardholder
  bucket   = "pay-card-vault"
}

resource "aws_s3_bucket_logging" "vault" {
  provider      = aws.cardholder
  bucket        = "pay-card-vault"
  target_bucket = aws_s3_bucket.logs.bucket
  target_prefix = "vault/"
}

resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal
}

resource "aws_s3_bucket_logging" "market" {
  for_each      = aws_s3_bucket.market
  bucket        = each.value.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "statements/${each.key}/"
}

module "kyc" {
  source = "./modules/bucket"
  bucket = "pay-kyc"
  tags   = local.personal
  logging = {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "kyc/"
  }
}

# The logging block inside aws_s3_bucket (deprecated since provider v4).
resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"
  tags   = local.personal

  logging {
    target_bucket = aws_s3_bucket.logs.id
    target_prefix = "archive/"
  }
}
