provider "aws" {
  region = "eu-west-1"
}

# Buckets of this provider carry the classification through its default tags.
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

# No logging at all.
resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags = {
    DataClassification = "cardholder"
  }
}

# Tagged through default_tags only, without logging.
resource "aws_s3_bucket" "vault" {
  provider = aws.cardholder
  bucket   = "pay-card-vault"
}

# Buckets made with for_each, logging configured for one of them only.
resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal
}

resource "aws_s3_bucket_logging" "market" {
  for_each      = toset(["fr"])
  bucket        = aws_s3_bucket.market[each.key].id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "statements/${each.key}/"
}

# Logging configured for a different bucket than this one.
resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
  tags   = local.personal
}

resource "aws_s3_bucket_logging" "logs" {
  bucket        = aws_s3_bucket.logs.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "self/"
}

# A module whose logging input is left empty.
module "kyc" {
  source = "./modules/bucket"
  bucket = "pay-kyc"
  tags   = local.personal
}

# Neither a logging block inside aws_s3_bucket (deprecated since provider v4) nor a resource.
resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"
  tags   = local.personal
}
