provider "aws" {
  region = "eu-west-1"
}

locals {
  attach  = false
  primary = true
}

resource "aws_s3_bucket" "this" {
  count  = 1
  bucket = "statements"
}

resource "aws_s3_bucket_policy" "this" {
  count  = local.attach ? 1 : 0
  bucket = aws_s3_bucket.this[0].id
  policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

# Versioning waits for the bucket policy when there is one.
resource "aws_s3_bucket_versioning" "this" {
  bucket = local.attach ? aws_s3_bucket_policy.this[0].id : aws_s3_bucket.this[0].id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "primary" {
  bucket = "ledger-primary"
}

resource "aws_s3_bucket" "fallback" {
  bucket = "ledger-fallback"
}

resource "aws_s3_bucket_versioning" "ledger" {
  bucket = local.primary ? aws_s3_bucket.primary.id : aws_s3_bucket.fallback.id
  versioning_configuration {
    status = "Enabled"
  }
}
