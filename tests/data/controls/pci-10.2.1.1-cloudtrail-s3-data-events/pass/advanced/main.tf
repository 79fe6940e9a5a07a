provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "statements" {
  bucket = "pay-statements"

  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_cloudtrail" "organization" {
  name                  = "organization"
  s3_bucket_name        = "org-cloudtrail-logs"
  is_multi_region_trail = true

  advanced_event_selector {
    name = "Management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  advanced_event_selector {
    name = "Every S3 object"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
  }
}
