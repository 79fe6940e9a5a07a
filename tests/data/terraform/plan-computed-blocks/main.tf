provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "statements" {
  bucket = "statements"
  tags   = { DataClassification = "cardholder" }
}

resource "aws_s3_bucket" "logs" {
  bucket = "statements-logs"
}

resource "aws_s3_bucket" "exports" {
  bucket = "exports"
  tags   = { DataClassification = "cardholder" }
  logging {
    target_bucket = aws_s3_bucket.logs.id
  }
}

data "aws_iam_policy_document" "read_statements" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.statements.arn}/*"]
  }
}

resource "aws_iam_role" "batch" {
  name               = "batch"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}

resource "aws_iam_role" "reader" {
  name               = "reader"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
  inline_policy {
    name   = "read-statements"
    policy = data.aws_iam_policy_document.read_statements.json
  }
}

resource "aws_iam_role" "dynamic" {
  name               = "dynamic"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
  dynamic "inline_policy" {
    for_each = toset([data.aws_iam_policy_document.read_statements.json])
    content {
      name   = "read-statements"
      policy = inline_policy.value
    }
  }
}
