provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "ledger" {
  description         = "ledger tables"
  enable_key_rotation = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowUseInThisAccount"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "kms:CallerAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
    ]
  })
}

# Through Secrets Manager, and only for callers of this account.
resource "aws_kms_key" "secrets" {
  description         = "payment provider secrets"
  enable_key_rotation = true

  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": ["kms:Decrypt", "kms:DescribeKey"],
          "Resource": "*",
          "Condition": {
            "StringEquals": {
              "kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com",
              "kms:CallerAccount": "111122223333"
            }
          }
        }
      ]
    }
  POLICY
}

# No policy: KMS gives the key its default policy, which trusts only the account.
resource "aws_kms_key" "logs" {
  description         = "application logs"
  enable_key_rotation = true
}

resource "aws_kms_key" "backups" {
  description         = "backup vault"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "backups" {
  statement {
    sid       = "AllowOrganization"
    actions   = ["kms:Decrypt", "kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }
}

resource "aws_kms_key_policy" "backups" {
  key_id = aws_kms_key.backups.id
  policy = data.aws_iam_policy_document.backups.json
}

resource "aws_kms_replica_key" "ledger_dr" {
  description     = "ledger tables (DR)"
  primary_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}
