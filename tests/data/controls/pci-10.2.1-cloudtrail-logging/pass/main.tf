provider "aws" {
  region = "eu-west-1"
}

variable "enable_logging" {
  description = "Module-style switch, defaulting to logging."
  type        = bool
  default     = true
}

resource "aws_cloudtrail" "main" {
  name                          = "payments"
  s3_bucket_name                = "payments-trail"
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_logging                = true
}

resource "aws_cloudtrail" "data_events" {
  name           = "payments-data-events"
  s3_bucket_name = "payments-trail"
  enable_logging = var.enable_logging

  event_selector {
    read_write_type           = "All"
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::payments-statements/"]
    }
  }
}

resource "aws_cloudtrail" "organization" {
  name                  = "organization"
  s3_bucket_name        = "payments-trail"
  is_organization_trail = true
  is_multi_region_trail = true
}
