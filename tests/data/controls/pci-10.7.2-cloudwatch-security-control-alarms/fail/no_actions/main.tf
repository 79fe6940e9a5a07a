provider "aws" {
  region = "eu-west-1"
}

resource "aws_sns_topic" "security_alerts" {
  name = "security-alerts"
}

resource "aws_cloudwatch_log_group" "cloudtrail" {
  name              = "/aws/cloudtrail/payments"
  retention_in_days = 400
}

resource "aws_cloudtrail" "no_actions" {
  name                       = "payments"
  s3_bucket_name             = "pay-cloudtrail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/cloudtrail-to-cloudwatch"
}

# The filters and alarms exist, but an alarm with no action alerts nobody.
module "cis_alarms" {
  source = "../modules/cis-alarms"

  log_group_name = aws_cloudwatch_log_group.cloudtrail.name
}
