provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id
  versioning_configuration {
    status = "Enabled"
  }
}

# Object Lock enabled on the bucket keeps versioning on without a versioning resource.
resource "aws_s3_bucket" "audit" {
  bucket              = "pay-audit"
  object_lock_enabled = true
}

resource "aws_s3_bucket_object_lock_configuration" "audit" {
  bucket = aws_s3_bucket.audit.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 365
    }
  }
}

# AWS provider v3: Object Lock and versioning written inline.
resource "aws_s3_bucket" "statements" {
  bucket = "pay-statements"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
  versioning {
    enabled = true
  }
}
