provider "aws" {
  region = "eu-west-1"
}

variable "retention_days" {
  type    = number
  default = 30
}

locals {
  prefix = "pay"
}

module "store" {
  source = "../modules/store"
  name   = "${local.prefix}-store"
}

# Account-wide: checks on every EBS volume look for it.
resource "aws_ebs_encryption_by_default" "account" {
  enabled = true
}
