provider "aws" {
  region = "eu-west-1"
}

variable "vpc_id" {
  type    = string
  default = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_networkfirewall_firewall_policy" "egress" {
  name = "egress"

  firewall_policy {
    stateless_default_actions          = ["aws:forward_to_sfe"]
    stateless_fragment_default_actions = ["aws:forward_to_sfe"]
    stateful_default_actions           = ["aws:drop_established"]

    stateful_engine_options {
      rule_order = "STRICT_ORDER"
    }
  }
}

resource "aws_s3_bucket" "firewall_logs" {
  bucket = "payments-firewall-logs"
}

resource "aws_cloudwatch_log_group" "firewall_alerts" {
  name              = "/network-firewall/alerts"
  retention_in_days = 400
}

# No logging configuration at all.
resource "aws_networkfirewall_firewall" "unlogged" {
  name                = "inspection"
  firewall_policy_arn = aws_networkfirewall_firewall_policy.egress.arn
  vpc_id              = var.vpc_id

  subnet_mapping {
    subnet_id = "subnet-0a1b2c3d"
  }
}

# Alerts only: the connections it passed are not recorded.
resource "aws_networkfirewall_firewall" "alerts_only" {
  name                = "egress"
  firewall_policy_arn = aws_networkfirewall_firewall_policy.egress.arn
  vpc_id              = var.vpc_id

  subnet_mapping {
    subnet_id = "subnet-0f9e8d7c"
  }
}

resource "aws_networkfirewall_logging_configuration" "alerts_only" {
  firewall_arn = aws_networkfirewall_firewall.alerts_only.arn

  logging_configuration {
    log_destination_config {
      log_destination = {
        logGroup = aws_cloudwatch_log_group.firewall_alerts.name
      }
      log_destination_type = "CloudWatchLogs"
      log_type             = "ALERT"
    }
  }
}
