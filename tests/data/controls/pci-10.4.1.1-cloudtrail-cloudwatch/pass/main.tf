provider "aws" {
  region = "eu-west-1"
}

variable "cloud_watch_logs_role_arn" {
  type    = string
  default = "arn:aws:iam::111122223333:role/cloudtrail-logs"
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

locals {
  trail_log_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "pay-trail"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}

resource "aws_cloudtrail" "from_variables" {
  name                       = "from-variables"
  s3_bucket_name             = "pay-trail"
  cloud_watch_logs_group_arn = local.trail_log_group_arn
  cloud_watch_logs_role_arn  = var.cloud_watch_logs_role_arn
}

resource "aws_cloudtrail" "per_account" {
  for_each                   = toset(["payments", "sandbox"])
  name                       = each.key
  s3_bucket_name             = "pay-trail"
  cloud_watch_logs_group_arn = local.trail_log_group_arn
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}
