provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "statements" {
  bucket = "pay-statements"

  tags = {
    DataClassification = "cardholder"
  }
}

# Every bucket's objects, but in this region only (is_multi_region_trail defaults to false).
resource "aws_cloudtrail" "regional" {
  name           = "regional-data-events"
  s3_bucket_name = "pay-regional-trail"

  event_selector {
    read_write_type = "All"

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
