resource "aws_s3_bucket" "data" {
  bucket = "${local.prefix}-data"
  tags   = { DataClassification = "cardholder" }
}

resource "aws_s3_bucket" "plain" {
  bucket = "${local.prefix}-plain"
  tags   = { DataClassification = "cardholder" }
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/audit"
  retention_in_days = var.retention_days
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_instance" "app" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
}
