provider "aws" {
  region = "eu-west-1"
}

variable "broker_password" {
  type      = string
  sensitive = true
}

variable "private_subnet_ids" {
  type    = list(string)
  default = ["subnet-0a1b2c3d4e5f60001"]
}

locals {
  tags = {
    DataClassification = "cardholder"
    Team               = "payments"
  }
}

# publicly_accessible left at its default, false.
resource "aws_mq_broker" "payments" {
  broker_name        = "payments"
  engine_type        = "ActiveMQ"
  engine_version     = "5.18"
  host_instance_type = "mq.m5.large"
  subnet_ids         = var.private_subnet_ids
  security_groups    = [aws_security_group.mq.id]

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
  publicly_accessible = false
  subnet_ids          = var.private_subnet_ids
  security_groups     = [aws_security_group.mq.id]

  user {
    username = "refunds-app"
    password = var.broker_password
  }

  tags = {
    DataClassification = "personal"
  }
}

resource "aws_security_group" "mq" {
  name        = "mq"
  description = "Brokers, reachable from the VPC only"
}
