provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "/cloudtrail/main"
}

resource "aws_iam_role" "trail" {
  name               = "cloudtrail-logs"
  assume_role_policy = "{}"
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "pay-trail"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
}
