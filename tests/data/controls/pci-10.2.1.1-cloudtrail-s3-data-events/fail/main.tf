provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "cardholder" {
  bucket = "pay-cardholder-exports"

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket" "trail_logs" {
  bucket = "pay-cloudtrail-logs"
}

# Neither tagged nor holding logs: not judged.
resource "aws_s3_bucket" "assets" {
  bucket = "pay-static-assets"
}

# Management events only (the default selectors): no object access is recorded.
resource "aws_cloudtrail" "main" {
  name                  = "payments"
  s3_bucket_name        = aws_s3_bucket.trail_logs.id
  is_multi_region_trail = true
}
