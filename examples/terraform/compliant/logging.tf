locals {
  log_groups = {
    api        = "/ecs/${local.name}/api"
    cloudtrail = "/cloudtrail/${local.name}"
    dns        = "/route53/${local.name}/queries"
    flow       = "/vpc/${local.name}/flow"
    waf        = "aws-waf-logs-${local.name}" # WAF delivers only to groups named aws-waf-logs-*
  }
}

resource "aws_cloudwatch_log_group" "this" {
  for_each          = local.log_groups
  name              = each.value
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_cloudtrail" "main" {
  name                          = "${local.name}-trail"
  s3_bucket_name                = module.cloudtrail_logs.bucket_id
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  kms_key_id                    = aws_kms_key.logs.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.this["cloudtrail"].arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.service["cloudtrail"].arn
  depends_on                    = [module.cloudtrail_logs]

  event_selector {
    read_write_type           = "All"
    include_management_events = true
    # Object reads and writes of every bucket: who read cardholder data, and who read the logs.
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }

  # Unusual rates of API calls and of errors, found by CloudTrail itself.
  insight_selector {
    insight_type = "ApiCallRateInsight"
  }

  insight_selector {
    insight_type = "ApiErrorRateInsight"
  }
}
