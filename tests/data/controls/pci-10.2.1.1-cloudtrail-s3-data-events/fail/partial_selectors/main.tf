provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "ledger" {
  bucket = "pay-ledger-archive"

  tags = {
    DataClassification = "cardholder"
  }
}

# Reads only: a changed or deleted object leaves no record.
resource "aws_cloudtrail" "reads" {
  name                  = "object-reads"
  s3_bucket_name        = "pay-trail-logs"
  is_multi_region_trail = true

  event_selector {
    read_write_type = "ReadOnly"

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

# Writes only, written as advanced selectors.
resource "aws_cloudtrail" "writes" {
  name                  = "object-writes"
  s3_bucket_name        = "pay-trail-logs"
  is_multi_region_trail = true

  advanced_event_selector {
    name = "S3 object writes"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }

    field_selector {
      field  = "readOnly"
      equals = ["false"]
    }
  }
}

# Every object, but the trail is stopped.
resource "aws_cloudtrail" "stopped" {
  name                  = "object-access"
  s3_bucket_name        = "pay-trail-logs"
  is_multi_region_trail = true
  enable_logging        = false

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
