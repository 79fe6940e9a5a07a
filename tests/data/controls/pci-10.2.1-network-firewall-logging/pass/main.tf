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

resource "aws_networkfirewall_firewall" "unlogged" {
  name                = "inspection"
  firewall_policy_arn = aws_networkfirewall_firewall_policy.egress.arn
  vpc_id              = var.vpc_id

  subnet_mapping {
    subnet_id = "subnet-0a1b2c3d"
  }
}

resource "aws_networkfirewall_logging_configuration" "unlogged" {
  firewall_arn = aws_networkfirewall_firewall.unlogged.arn

  logging_configuration {
    log_destination_config {
      log_destination = {
        bucketName = aws_s3_bucket.firewall_logs.bucket
        prefix     = "flow"
      }
      log_destination_type = "S3"
      log_type             = "FLOW"
    }

    log_destination_config {
      log_destination = {
        bucketName = aws_s3_bucket.firewall_logs.bucket
        prefix     = "alert"
      }
      log_destination_type = "S3"
      log_type             = "ALERT"
    }
  }
}

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

    log_destination_config {
      log_destination = {
        deliveryStream = "payments-firewall-flows"
      }
      log_destination_type = "KinesisDataFirehose"
      log_type             = "FLOW"
    }
  }
}
