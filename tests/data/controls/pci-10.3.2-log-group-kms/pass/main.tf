provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_cloudwatch_log_group" "audit" {
  name = "/payments/audit"
  kms_key_id = aws_kms_key.data.arn
}
