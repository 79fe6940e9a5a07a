provider "aws" {
  region = "eu-west-1"
}

variable "cloud_watch_logs_group_arn" {
  type    = string
  default = ""
}

variable "cloud_watch_logs_role_arn" {
  type    = string
  default = ""
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "/cloudtrail/main"
}

resource "aws_iam_role" "trail" {
  name = "cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# A log group without the role CloudTrail needs to write to it.
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "pay-trail"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
}

# Left implicit: the trail delivers to S3 only.
resource "aws_cloudtrail" "s3_only" {
  name           = "s3-only"
  s3_bucket_name = "pay-trail"
}

# Empty strings, the usual module defaults, set nothing.
resource "aws_cloudtrail" "from_variables" {
  name                       = "from-variables"
  s3_bucket_name             = "pay-trail"
  cloud_watch_logs_group_arn = var.cloud_watch_logs_group_arn
  cloud_watch_logs_role_arn  = var.cloud_watch_logs_role_arn
}

# Trails per account with for_each; only "payments" delivers to CloudWatch Logs.
resource "aws_cloudtrail" "per_account" {
  for_each                   = { payments = true, sandbox = false }
  name                       = each.key
  s3_bucket_name             = "pay-trail"
  cloud_watch_logs_group_arn = each.value ? "${aws_cloudwatch_log_group.trail.arn}:*" : null
  cloud_watch_logs_role_arn  = each.value ? aws_iam_role.trail.arn : null
}
