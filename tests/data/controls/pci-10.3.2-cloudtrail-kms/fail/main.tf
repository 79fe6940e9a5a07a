provider "aws" {
  region = "eu-west-1"
}

variable "trail_kms_key_arn" {
  type    = string
  default = ""
}

variable "kms_key_id" {
  type    = string
  default = null
}

# Left implicit: CloudTrail encrypts log files with S3-managed keys (SSE-S3) only.
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "pay-trail"
}

# An empty string, the usual module default, sets no key.
resource "aws_cloudtrail" "empty_default" {
  name           = "empty-default"
  s3_bucket_name = "pay-trail"
  kms_key_id     = var.trail_kms_key_arn
}

resource "aws_cloudtrail" "null_default" {
  name           = "null-default"
  s3_bucket_name = "pay-trail"
  kms_key_id     = var.kms_key_id
}

resource "aws_kms_key" "trail" {
  description         = "cloudtrail"
  enable_key_rotation = true
}

# One trail per account with for_each; only "payments" names a key.
resource "aws_cloudtrail" "per_account" {
  for_each       = { payments = aws_kms_key.trail.arn, sandbox = "" }
  name           = each.key
  s3_bucket_name = "pay-trail"
  kms_key_id     = each.value
}
