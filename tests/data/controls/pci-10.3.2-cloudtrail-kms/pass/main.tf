provider "aws" {
  region = "eu-west-1"
}

variable "trail_kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_kms_alias" "trail" {
  name          = "alias/cloudtrail"
  target_key_id = aws_kms_key.data.key_id
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "pay-trail"
  kms_key_id     = aws_kms_key.data.arn
}

resource "aws_cloudtrail" "from_variable" {
  name           = "from-variable"
  s3_bucket_name = "pay-trail"
  kms_key_id     = var.trail_kms_key_arn
}

# A customer-managed key named by its alias's ARN.
resource "aws_cloudtrail" "by_alias" {
  name           = "by-alias"
  s3_bucket_name = "pay-trail"
  kms_key_id     = aws_kms_alias.trail.arn
}

resource "aws_cloudtrail" "per_account" {
  for_each       = toset(["payments", "sandbox"])
  name           = each.key
  s3_bucket_name = "pay-trail"
  kms_key_id     = aws_kms_key.data.arn
}
