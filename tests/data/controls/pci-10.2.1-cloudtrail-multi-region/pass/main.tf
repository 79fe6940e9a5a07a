provider "aws" {
  region = "eu-west-1"
}

variable "multi_region" {
  type    = bool
  default = true
}

locals {
  trails = {
    payments = true
    sandbox  = true
  }
}

resource "aws_cloudtrail" "main" {
  name                          = "main"
  s3_bucket_name                = "pay-trail"
  is_multi_region_trail         = true
  include_global_service_events = true
}

resource "aws_cloudtrail" "from_variable" {
  name                  = "from-variable"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = var.multi_region
}

resource "aws_cloudtrail" "per_account" {
  for_each              = local.trails
  name                  = each.key
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = each.value
}

module "org_trail" {
  source         = "./modules/cloudtrail"
  name           = "organization"
  s3_bucket_name = "pay-org-trail"
}

# A disabled module instance creates no trail.
module "spare_trail" {
  source         = "./modules/cloudtrail"
  enabled        = false
  name           = "spare"
  s3_bucket_name = "pay-spare-trail"
}

# A data resource beside the implicit management events (include_management_events and
# read_write_type left at their defaults: true and All).
resource "aws_cloudtrail" "with_data_events" {
  name                  = "with-data-events"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = true

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "advanced" {
  name                  = "advanced"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = true

  advanced_event_selector {
    name = "Log all management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  advanced_event_selector {
    name = "Log all S3 objects"

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
