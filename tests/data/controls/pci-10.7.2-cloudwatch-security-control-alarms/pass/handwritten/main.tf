provider "aws" {
  region = "eu-west-1"
}

resource "aws_sns_topic" "security" {
  name = "security-control-changes"
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "/cloudtrail/organization"
}

resource "aws_cloudtrail" "organization" {
  name                       = "organization"
  s3_bucket_name             = "org-cloudtrail-logs"
  is_multi_region_trail      = true
  is_organization_trail      = true
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/cloudtrail-to-cloudwatch"
}

# One filter for the audit and change-detection tooling, the event names in another order
# and quoted.
resource "aws_cloudwatch_log_metric_filter" "audit_tooling" {
  name           = "AuditToolingChanges"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = <<-PATTERN
    {
      ($.eventName = "StopLogging") || ($.eventName = "DeleteTrail") ||
      ($.eventName = "UpdateTrail") || ($.eventName = "CreateTrail") ||
      ($.eventName = "StartLogging") ||
      ($.eventName = "StopConfigurationRecorder") || ($.eventName = "DeleteDeliveryChannel") ||
      ($.eventName = "PutDeliveryChannel") || ($.eventName = "PutConfigurationRecorder")
    }
  PATTERN

  metric_transformation {
    name      = "AuditToolingChanges"
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "audit_tooling" {
  alarm_name          = "audit-tooling-changes"
  metric_name         = aws_cloudwatch_log_metric_filter.audit_tooling.metric_transformation[0].name
  namespace           = "Security"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security.arn]
}

resource "aws_cloudwatch_log_metric_filter" "key_deletion" {
  name           = "KmsKeyDeletion"
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{($.eventSource=kms.amazonaws.com)&&(($.eventName=ScheduleKeyDeletion)||($.eventName=DisableKey))}"

  metric_transformation {
    name      = "KmsKeyDeletion"
    namespace = "Security"
    value     = "1"
  }
}

# The metric named as a literal, the filter's own name.
resource "aws_cloudwatch_metric_alarm" "key_deletion" {
  alarm_name          = "kms-key-deletion"
  metric_name         = "KmsKeyDeletion"
  namespace           = "Security"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security.arn]
}

# A filter and an alarm per kind of network security or segmentation change (a filter
# pattern holds at most 1024 characters).
locals {
  network_events = {
    SecurityGroupChanges = [
      "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
      "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
      "CreateSecurityGroup", "DeleteSecurityGroup",
    ]
    NetworkAclChanges = [
      "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
      "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation",
    ]
    NetworkGatewayChanges = [
      "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
      "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway",
    ]
    RouteTableChanges = [
      "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
      "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable",
    ]
    VpcChanges = [
      "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
      "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
    ]
  }
}

resource "aws_cloudwatch_log_metric_filter" "network" {
  for_each = local.network_events

  name           = each.key
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = "{ ${join(" || ", [for name in each.value : "($.eventName = ${name})"])} }"

  metric_transformation {
    name      = each.key
    namespace = "Security"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "network" {
  for_each = local.network_events

  alarm_name          = "network-${each.key}"
  metric_name         = aws_cloudwatch_log_metric_filter.network[each.key].id
  namespace           = "Security"
  statistic           = "Sum"
  period              = 60
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = [aws_sns_topic.security.arn]
}
