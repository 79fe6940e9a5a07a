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

# Management events by default, and every object read and write of every bucket.
resource "aws_cloudtrail" "main" {
  name                  = "payments"
  s3_bucket_name        = aws_s3_bucket.trail_logs.id
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
