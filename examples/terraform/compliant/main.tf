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
  db_secret_name  = "${local.name}/db/payments-app"
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "data" {
  description             = "${local.name} data at rest"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_kms_key" "logs" {
  description             = "${local.name} logs and audit trail"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  policy                  = data.aws_iam_policy_document.logs_key.json
}

resource "aws_kms_key" "replica" {
  provider                = aws.replica
  description             = "${local.name} replicated statements"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "AccountAdmin"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
  statement {
    sid       = "LogServices"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com", "cloudtrail.amazonaws.com", "delivery.logs.amazonaws.com"]
    }
  }
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_guardduty_detector" "this" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_guardduty_detector_feature" "this" {
  for_each    = toset(["EBS_MALWARE_PROTECTION", "RUNTIME_MONITORING"])
  detector_id = aws_guardduty_detector.this.id
  name        = each.value
  status      = "ENABLED"
}

# GuardDuty keeps findings for 90 days; the export keeps them as long as the audit logs.
resource "aws_guardduty_publishing_destination" "this" {
  detector_id     = aws_guardduty_detector.this.id
  destination_arn = module.guardduty_findings.bucket_arn
  kms_key_arn     = aws_kms_key.logs.arn
}
