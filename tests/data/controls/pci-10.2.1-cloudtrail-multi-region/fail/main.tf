provider "aws" {
  region = "eu-west-1"
}

variable "multi_region" {
  type    = bool
  default = false
}

locals {
  trails = {
    payments = true
    sandbox  = false
  }
}

# Left implicit: the provider creates a single-region trail.
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "pay-trail"
}

resource "aws_cloudtrail" "explicit" {
  name                  = "explicit"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = false
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

module "audit_trail" {
  source                = "./modules/cloudtrail"
  name                  = "audit"
  s3_bucket_name        = "pay-audit-trail"
  is_multi_region_trail = false
}

# The module's default is multi-region.
module "org_trail" {
  source         = "./modules/cloudtrail"
  name           = "organization"
  s3_bucket_name = "pay-org-trail"
}

# Multi-region, but a data-events-only trail: management events switched off.
resource "aws_cloudtrail" "data_only" {
  name                  = "data-only"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = true

  event_selector {
    read_write_type           = "All"
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

# Only write events: reads of secrets, keys and policies go unrecorded.
resource "aws_cloudtrail" "write_only" {
  name                  = "write-only"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = true

  event_selector {
    read_write_type = "WriteOnly"
  }
}

# Advanced selectors that record management writes only.
resource "aws_cloudtrail" "advanced_writes" {
  name                  = "advanced-writes"
  s3_bucket_name        = "pay-trail"
  is_multi_region_trail = true

  advanced_event_selector {
    name = "Management writes"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }

    field_selector {
      field  = "readOnly"
      equals = ["false"]
    }
  }
}
