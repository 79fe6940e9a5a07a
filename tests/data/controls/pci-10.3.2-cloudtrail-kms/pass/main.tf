provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "pay-trail"
  kms_key_id = aws_kms_key.data.arn
}
