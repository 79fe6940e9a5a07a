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

# No bucket policy at all.
resource "aws_s3_bucket" "no_policy" {
  bucket = "pay-no-policy"
  tags   = local.personal
}

# A Deny for one principal only leaves everyone else free to use HTTP.
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
      Principal = { AWS = "arn:aws:iam::111122223333:role/reporting" }
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.one_principal.arn, "${aws_s3_bucket.one_principal.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# An Allow that requires TLS denies nothing: other statements or IAM policies still allow HTTP.
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
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["true"]
    }
  }
}

resource "aws_s3_bucket_policy" "allow_only" {
  bucket = aws_s3_bucket.allow_only.id
  policy = data.aws_iam_policy_document.allow_only.json
}

# A heredoc policy that denies plain HTTP for reads and writes only.
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
          "Action": ["s3:GetObject", "s3:PutObject"],
          "Resource": ["arn:aws:s3:::pay-heredoc", "arn:aws:s3:::pay-heredoc/*"],
          "Condition": {"Bool": {"aws:SecureTransport": "false"}}
        }
      ]
    }
  POLICY
}

# Buckets with for_each; only "fr" has the TLS-only policy.
resource "aws_s3_bucket" "market" {
  for_each = toset(["de", "fr"])
  bucket   = "pay-statements-${each.key}"
  tags     = local.personal
}

resource "aws_s3_bucket_policy" "market" {
  for_each = toset(["fr"])
  bucket   = aws_s3_bucket.market[each.key].id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.market[each.key].arn, "${aws_s3_bucket.market[each.key].arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}

# The module's TLS-only statement is opt-in and left off.
module "kyc" {
  source = "./modules/s3-bucket"
  bucket = "pay-kyc"
  tags   = local.personal
}

# The policy argument inside aws_s3_bucket (deprecated since provider v4), without a Deny.
resource "aws_s3_bucket" "archive" {
  bucket = "pay-archive"
  tags   = local.personal
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::pay-archive/*"
    }]
  })
}

# Not classified: out of scope.
resource "aws_s3_bucket" "assets" {
  bucket = "pay-static-assets"
}
