provider "aws" {
  region = "eu-west-1"
}

data "aws_caller_identity" "current" {}

# Every AWS principal may decrypt with the key that encrypts the ledger.
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
        Sid       = "AllowUse"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:DescribeKey"]
        Resource  = "*"
      },
    ]
  })
}

# kms:ViaService alone: every account can call through Secrets Manager.
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
            "StringEquals": {"kms:ViaService": "secretsmanager.eu-west-1.amazonaws.com"}
          }
        }
      ]
    }
  POLICY
}

resource "aws_kms_key" "backups" {
  description         = "backup vault"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "backups" {
  statement {
    sid       = "AllowEveryone"
    actions   = ["kms:Decrypt", "kms:CreateGrant"]
    resources = ["*"]

    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_kms_key_policy" "backups" {
  key_id = aws_kms_key.backups.id
  policy = data.aws_iam_policy_document.backups.json
}

# A multi-Region replica with a policy of its own.
resource "aws_kms_replica_key" "ledger_dr" {
  description     = "ledger tables (DR)"
  primary_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect       = "Allow"
        NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/breakglass" }
        Action       = "kms:Decrypt"
        Resource     = "*"
      },
    ]
  })
}
