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
    status = "Suspended"
  }
}

# An Object Lock configuration without Object Lock enabled on the bucket does not show
# versioning on.
resource "aws_s3_bucket" "audit" {
  bucket = "pay-audit"
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

resource "aws_s3_bucket" "statements" {
  bucket              = "pay-statements"
  object_lock_enabled = false
}
