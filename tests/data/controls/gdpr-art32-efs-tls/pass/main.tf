provider "aws" {
  region = "eu-west-1"
}

resource "aws_efs_file_system" "exports" {
  creation_token = "payments-exports"
  encrypted      = true

  tags = {
    DataClassification = "cardholder"
  }
}

# The policy the EFS console writes for "Enforce in-transit encryption for all clients".
resource "aws_efs_file_system_policy" "exports" {
  file_system_id = aws_efs_file_system.exports.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AppMount"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:role/exports-app" }
        Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        Resource  = aws_efs_file_system.exports.arn
      },
      {
        Sid       = "NoPlainMounts"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "*"
        Resource  = aws_efs_file_system.exports.arn
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      }
    ]
  })
}

resource "aws_efs_file_system" "statements" {
  creation_token = "card-statements"
  encrypted      = true

  tags = {
    DataClassification = "cardholder"
  }
}

data "aws_iam_policy_document" "statements" {
  statement {
    sid     = "NoPlainMounts"
    effect  = "Deny"
    actions = ["elasticfilesystem:*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_efs_file_system_policy" "statements" {
  file_system_id = aws_efs_file_system.statements.id
  policy         = data.aws_iam_policy_document.statements.json
}
