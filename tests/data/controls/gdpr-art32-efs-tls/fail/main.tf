provider "aws" {
  region = "eu-west-1"
}

# No file system policy: plain NFS mounts are accepted.
resource "aws_efs_file_system" "exports" {
  creation_token = "payments-exports"
  encrypted      = true

  tags = {
    DataClassification = "cardholder"
  }
}

# A policy that grants mounts but never denies them without TLS.
resource "aws_efs_file_system" "kyc_documents" {
  creation_token = "kyc-documents"
  encrypted      = true

  tags = {
    DataClassification = "personal"
  }
}

resource "aws_efs_file_system_policy" "kyc_documents" {
  file_system_id = aws_efs_file_system.kyc_documents.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AppMount"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:role/kyc-app" }
        Action    = ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]
        Resource  = aws_efs_file_system.kyc_documents.arn
      }
    ]
  })
}

# Denies plain mounts to one role only: every other principal may mount without TLS.
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
    actions = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:role/statements-batch"]
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
