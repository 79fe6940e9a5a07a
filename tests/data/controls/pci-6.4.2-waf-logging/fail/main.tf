provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-pay"
  retention_in_days = 400
}

# No logging configuration for this web ACL.
resource "aws_wafv2_web_acl" "api" {
  name  = "pay-api"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl" "checkout" {
  name  = "pay-checkout"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "pay-checkout"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "checkout" {
  resource_arn            = aws_wafv2_web_acl.checkout.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}

# The module's default creates no logging configuration.
module "edge_waf" {
  source = "./modules/waf"
  name   = "pay-edge"
}

resource "aws_waf_web_acl" "classic" {
  name        = "payclassic"
  metric_name = "payclassic"

  default_action {
    type = "ALLOW"
  }
}

resource "aws_wafregional_web_acl" "regional" {
  name        = "payregional"
  metric_name = "payregional"

  default_action {
    type = "ALLOW"
  }

  logging_configuration {
    log_destination = "arn:aws:firehose:eu-west-1:111122223333:deliverystream/aws-waf-logs-regional"
  }
}
