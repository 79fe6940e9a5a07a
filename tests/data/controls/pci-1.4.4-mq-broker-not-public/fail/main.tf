provider "aws" {
  region = "eu-west-1"
}

variable "broker_password" {
  type      = string
  sensitive = true
}

locals {
  tags = {
    DataClassification = "cardholder"
    Team               = "payments"
  }
}

resource "aws_mq_broker" "payments" {
  broker_name         = "payments"
  engine_type         = "ActiveMQ"
  engine_version      = "5.18"
  host_instance_type  = "mq.m5.large"
  publicly_accessible = true

  user {
    username = "payments-app"
    password = var.broker_password
  }

  tags = local.tags
}

resource "aws_mq_broker" "refunds" {
  broker_name         = "refunds"
  engine_type         = "RabbitMQ"
  engine_version      = "3.13"
  host_instance_type  = "mq.m5.large"
  deployment_mode     = "CLUSTER_MULTI_AZ"
  publicly_accessible = true

  user {
    username = "refunds-app"
    password = var.broker_password
  }

  tags = {
    DataClassification = "personal"
  }
}

# Untagged: outside the control's scope, however it is exposed.
resource "aws_mq_broker" "sandbox" {
  broker_name         = "sandbox"
  engine_type         = "ActiveMQ"
  engine_version      = "5.18"
  host_instance_type  = "mq.t3.micro"
  publicly_accessible = true

  user {
    username = "sandbox"
    password = var.broker_password
  }
}
