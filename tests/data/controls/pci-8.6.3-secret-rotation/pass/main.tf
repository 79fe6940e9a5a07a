provider "aws" {
  region = "eu-west-1"
}

resource "aws_secretsmanager_secret" "db" {
  name = "ledger-db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}

locals {
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}

# Exactly the 90-day period.
resource "aws_secretsmanager_secret" "quarterly" {
  name = "psp-api-key"
}

resource "aws_secretsmanager_secret_rotation" "quarterly" {
  secret_id           = aws_secretsmanager_secret.quarterly.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    automatically_after_days = 90
  }
}

resource "aws_secretsmanager_secret" "weekly" {
  name = "psp-webhook"
}

resource "aws_secretsmanager_secret_rotation" "weekly" {
  secret_id           = aws_secretsmanager_secret.weekly.arn
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    schedule_expression = "rate(7 days)"
    duration            = "3h"
  }
}

resource "aws_secretsmanager_secret" "twice_daily" {
  name = "session-signing-key"
}

resource "aws_secretsmanager_secret_rotation" "twice_daily" {
  secret_id           = aws_secretsmanager_secret.twice_daily.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    schedule_expression = "rate(12 hours)"
  }
}

# A cron expression that runs on the first of every month.
resource "aws_secretsmanager_secret" "monthly" {
  name = "ledger-reader"
}

resource "aws_secretsmanager_secret_rotation" "monthly" {
  secret_id           = aws_secretsmanager_secret.monthly.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    schedule_expression = "cron(0 3 1 * ? *)"
  }
}

variable "rotation_days" {
  type    = number
  default = 30
}

resource "aws_secretsmanager_secret" "this" {
  name = "reporting-db"
}

resource "aws_secretsmanager_secret_rotation" "this" {
  secret_id           = aws_secretsmanager_secret.this.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    automatically_after_days = var.rotation_days
  }
}
