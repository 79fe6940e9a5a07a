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
