provider "aws" {
  region = "eu-west-1"
}

variable "broker_password" {
  type      = string
  sensitive = true
}

resource "aws_mq_broker" "payments" {
  broker_name        = "payments"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"

  logs {
    general = true
    audit   = true
  }

  user {
    username = "payments-app"
    password = var.broker_password
  }
}

resource "aws_mq_broker" "settlement" {
  broker_name        = "settlement"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"

  logs {
    general = true
    audit   = true
  }

  user {
    username = "settlement-app"
    password = var.broker_password
  }
}

# RabbitMQ has no audit log to publish.
resource "aws_mq_broker" "refunds" {
  broker_name        = "refunds"
  engine_type        = "RabbitMQ"
  engine_version     = "3.13"
  host_instance_type = "mq.m5.large"

  logs {
    general = true
  }

  user {
    username = "refunds-app"
    password = var.broker_password
  }
}
