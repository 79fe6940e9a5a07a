provider "aws" {
  alias  = "cardholder"
  region = "eu-west-1"
  default_tags {
    tags = {
      DataClassification = "cardholder"
    }
  }
}

variable "bucket_kms_key_id" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
}

locals {
  personal = { DataClassification = "personal" }
}

resource "aws_kms_alias" "data" {
  name          = "alias/payments-data"
  target_key_id = aws_kms_key.data.key_id
}

# A customer-managed key named by its own alias.
resource "aws_s3_bucket" "customer_alias" {
  bucket = "pay-customer-alias"
  tags   = local.personal
}

resource "aws_s3_bucket_server_side_encryption_configuration" "customer_alias" {
  bucket = aws_s3_bucket.customer_alias.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_alias.data.name
    }
    bucket_key_enabled = true
  }
}

# Dual-layer encryption with a customer-managed key from a variable's default.
resource "aws_s3_bucket" "from_variable" {
  provider = aws.cardholder
  bucket   = "pay-from-variable"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "from_variable" {
  provider = aws.cardholder
  bucket   = aws_s3_bucket.from_variable.bucket
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms:dsse"
      kms_master_key_id = var.bucket_kms_key_id
    }
  }
}

resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal
}

resource "aws_s3_bucket_server_side_encryption_configuration" "market" {
  for_each = aws_s3_bucket.market
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

module "kyc" {
  source = "./modules/s3-bucket"
  bucket = "pay-kyc"
  tags   = local.personal
  server_side_encryption_configuration = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.data.arn
      }
      bucket_key_enabled = true
    }
  }
}

resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"
  tags   = local.personal

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.data.arn
      }
    }
  }
}

resource "aws_s3_bucket" "assets" {
  bucket = "pay-static-assets"
}
