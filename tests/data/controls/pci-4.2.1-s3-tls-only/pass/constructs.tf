provider "aws" {
  alias  = "cardholder"
  region = "eu-west-1"
  default_tags {
    tags = {
      DataClassification = "cardholder"
    }
  }
}

locals {
  personal = { DataClassification = "personal" }
}

# {"AWS": "*"} is everyone too; the condition value written as a list.
resource "aws_s3_bucket" "one_principal" {
  provider = aws.cardholder
  bucket   = "pay-one-principal"
}

resource "aws_s3_bucket_policy" "one_principal" {
  provider = aws.cardholder
  bucket   = aws_s3_bucket.one_principal.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = { AWS = "*" }
      Action    = ["s3:*"]
      Resource  = [aws_s3_bucket.one_principal.arn, "${aws_s3_bucket.one_principal.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = ["false"] } }
    }]
  })
}

# aws_iam_policy_document: an Allow for the account beside the TLS-only Deny.
resource "aws_s3_bucket" "allow_only" {
  bucket = "pay-allow-only"
  tags   = local.personal
}

data "aws_iam_policy_document" "allow_only" {
  statement {
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.allow_only.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.allow_only.arn, "${aws_s3_bucket.allow_only.arn}/*"]
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

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = data.aws_iam_policy_document.allow_only.json
}

# A heredoc policy, the condition a JSON boolean under BoolIfExists.
resource "aws_s3_bucket" "heredoc" {
  bucket = "pay-heredoc"
  tags   = local.personal
}

resource "aws_s3_bucket_policy" "heredoc" {
  bucket = aws_s3_bucket.heredoc.id
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "DenyInsecureTransport",
          "Effect": "Deny",
          "Principal": "*",
          "Action": "s3:*",
          "Resource": ["arn:aws:s3:::pay-heredoc", "arn:aws:s3:::pay-heredoc/*"],
          "Condition": {"BoolIfExists": {"aws:SecureTransport": false}}
        }
      ]
    }
  POLICY
}

resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal
}

resource "aws_s3_bucket_policy" "market" {
  for_each = aws_s3_bucket.market
  bucket   = each.value.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [each.value.arn, "${each.value.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

module "kyc" {
  source                                = "./modules/s3-bucket"
  bucket                                = "pay-kyc"
  tags                                  = local.personal
  attach_deny_insecure_transport_policy = true
}

# The policy argument inside aws_s3_bucket (deprecated since provider v4).
resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"
  tags   = local.personal
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::pay-archive", "arn:aws:s3:::pay-archive/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

resource "aws_s3_bucket" "assets" {
  bucket = "pay-static-assets"
}
