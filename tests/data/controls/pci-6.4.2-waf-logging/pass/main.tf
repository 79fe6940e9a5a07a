provider "aws" {
  region = "eu-west-1"
}

resource "aws_cloudwatch_log_group" "waf" {
  name              = "aws-waf-logs-pay"
  retention_in_days = 400
}

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

resource "aws_wafv2_web_acl_logging_configuration" "api" {
  resource_arn            = aws_wafv2_web_acl.api.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]

  redacted_fields {
    single_header {
      name = "authorization"
    }
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

module "edge_waf" {
  source                       = "./modules/waf"
  name                         = "pay-edge"
  create_logging_configuration = true
  log_destination_configs      = ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-edge"]
}

resource "aws_waf_web_acl" "classic" {
  name        = "payclassic"
  metric_name = "payclassic"

  default_action {
    type = "ALLOW"
  }

  logging_configuration {
    log_destination = "arn:aws:firehose:us-east-1:111122223333:deliverystream/aws-waf-logs-classic"
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
