locals {
  name = "${var.project}-${var.environment}"
  common_tags = merge(var.extra_tags, {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
  })
  azs             = ["${var.region}a", "${var.region}b"]
  public_subnets  = [for i in range(2) : cidrsubnet(var.vpc_cidr, 8, i)]
  private_subnets = [for i in range(2) : cidrsubnet(var.vpc_cidr, 8, i + 10)]
}

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
