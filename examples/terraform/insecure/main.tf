locals {
  name = "payments-${var.environment}"
  common_tags = {
    Service     = "payments"
    Environment = var.environment
    Owner       = "platform-team"
  }
  private_subnets = [for index in range(2) : cidrsubnet(var.vpc_cidr, 8, index + 10)]
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "data" {
  description         = "${local.name} data at rest"
  enable_key_rotation = true
}

resource "aws_kms_key" "logs" {
  description = "${local.name} logs and audit trail"
}

resource "aws_kms_key" "replica" {
  provider            = aws.replica
  description         = "${local.name} replicated statements"
  enable_key_rotation = true
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

resource "aws_guardduty_detector" "this" {
  enable = true
}
