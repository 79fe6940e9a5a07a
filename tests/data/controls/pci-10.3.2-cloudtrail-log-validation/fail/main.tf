provider "aws" {
  region = "eu-west-1"
}

variable "log_file_validation" {
  type    = bool
  default = false
}

locals {
  validate = {
    payments = true
    sandbox  = false
  }
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "pay-trail"
  enable_log_file_validation = false
}

# Left implicit: the provider writes no digest files.
resource "aws_cloudtrail" "implicit" {
  name           = "implicit"
  s3_bucket_name = "pay-trail"
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

module "audit_trail" {
  source                     = "./modules/cloudtrail"
  name                       = "audit"
  s3_bucket_name             = "pay-audit-trail"
  enable_log_file_validation = false
}

# The module's default validates log files.
module "org_trail" {
  source         = "./modules/cloudtrail"
  name           = "organization"
  s3_bucket_name = "pay-org-trail"
}
