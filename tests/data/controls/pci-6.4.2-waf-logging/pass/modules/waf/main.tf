# Shaped like the community WAFv2 modules: logging only when asked for.
variable "name" {
  type = string
}

variable "create_logging_configuration" {
  type    = bool
  default = false
}

variable "log_destination_configs" {
  type    = list(string)
  default = []
}

resource "aws_wafv2_web_acl" "main" {
  name  = var.name
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = var.name
    sampled_requests_enabled   = true
  }
}

resource "aws_wafv2_web_acl_logging_configuration" "main" {
  count                   = var.create_logging_configuration ? 1 : 0
  resource_arn            = aws_wafv2_web_acl.main.arn
  log_destination_configs = var.log_destination_configs
}
