provider "aws" {
  region = "eu-west-1"
}

variable "log_file_validation" {
  type    = bool
  default = true
}

locals {
  validate = {
    payments = true
    sandbox  = true
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "pay-trail"
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "from_variable" {
  name                       = "from-variable"
  s3_bucket_name             = "pay-trail"
  enable_log_file_validation = var.log_file_validation
}

resource "aws_cloudtrail" "per_account" {
  for_each                   = local.validate
  name                       = each.key
  s3_bucket_name             = "pay-trail"
  enable_log_file_validation = each.value
}

module "org_trail" {
  source         = "./modules/cloudtrail"
  name           = "organization"
  s3_bucket_name = "pay-org-trail"
}
