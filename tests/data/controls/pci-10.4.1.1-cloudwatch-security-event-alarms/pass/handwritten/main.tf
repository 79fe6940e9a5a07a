provider "aws" {
  region = "eu-west-1"
}

resource "aws_sns_topic" "soc" {
  name = "soc-pager"
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "/cloudtrail/organization"
}

resource "aws_cloudtrail" "organization" {
  name                       = "organization"
  s3_bucket_name             = "org-cloudtrail-logs"
  is_multi_region_trail      = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/cloudtrail-to-cloudwatch"
}

# Hand-written filters, each alarm naming its filter's metric by the filter's name; the
# patterns spaced, quoted and ordered their own way.
locals {
  security_events = {
    UnauthorizedApiCalls  = "{($.errorCode=\"AccessDenied*\")||($.errorCode=\"*UnauthorizedOperation\")}"
    ConsoleLoginNoMfa     = "{ ($.eventName = ConsoleLogin) && ($.additionalEventData.MFAUsed != Yes) && ($.userIdentity.type = \"IAMUser\") && ($.responseElements.ConsoleLogin = \"Success\") }"
    RootActivity          = "{ $.userIdentity.type = Root && $.userIdentity.invokedBy NOT EXISTS && $.eventType != AwsServiceEvent }"
    ConsoleLoginFailures  = "{ ($.errorMessage = \"Failed authentication\") && ($.eventName = \"ConsoleLogin\") }"
    BucketPolicyChanges   = "{ ($.eventSource = s3.amazonaws.com) && (($.eventName = DeleteBucketPolicy) || ($.eventName = PutBucketPolicy) || ($.eventName = PutBucketAcl)) }"
    IamPolicyChanges      = "{ ($.eventName = AttachRolePolicy) || ($.eventName = DetachRolePolicy) || ($.eventName = AttachUserPolicy) || ($.eventName = DetachUserPolicy) || ($.eventName = AttachGroupPolicy) || ($.eventName = DetachGroupPolicy) || ($.eventName = PutGroupPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = PutUserPolicy) || ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = DeleteUserPolicy) || ($.eventName = CreatePolicy) || ($.eventName = DeletePolicy) || ($.eventName = CreatePolicyVersion) || ($.eventName = DeletePolicyVersion) }"
  }
}

resource "aws_cloudwatch_log_metric_filter" "security" {
  for_each = local.security_events

  name           = each.key
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = each.value

  metric_transformation {
    name      = each.key
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "security" {
  for_each = local.security_events

  alarm_name          = "security-${each.key}"
  metric_name         = each.key
  namespace           = "Security"
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.soc.arn]
  treat_missing_data  = "notBreaching"
}
