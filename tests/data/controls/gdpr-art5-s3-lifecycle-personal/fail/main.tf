provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags = {
    DataClassification = "personal"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    id     = "retention"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "GLACIER"
    }
  }
}

# The lifecycle_rule block inside aws_s3_bucket (deprecated since provider v4)
resource "aws_s3_bucket" "kyc" {
  bucket = "pay-kyc-documents"
  tags = {
    DataClassification = "personal"
  }

  lifecycle_rule {
    id      = "retention"
    enabled = true
    noncurrent_version_expiration {
      days = 90
    }
  }
}
