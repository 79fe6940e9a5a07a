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

resource "aws_cloudtrail" "main" {
  name                       = "payments"
  s3_bucket_name             = "pay-cloudtrail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.cloudtrail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/cloudtrail-to-cloudwatch"
}

# The trail delivers to CloudWatch Logs, but nothing watches the log group.
resource "aws_cloudtrail" "data_events" {
  name                  = "payments-data-events"
  s3_bucket_name        = "pay-cloudtrail-logs"
  is_multi_region_trail = true

  event_selector {
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}
