provider "aws" {
  region = "eu-west-1"
}

resource "aws_secretsmanager_secret" "db" {
  name = "ledger-db"
}

locals {
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}

# One day past the 90-day period.
resource "aws_secretsmanager_secret" "quarterly" {
  name = "psp-api-key"
}

resource "aws_secretsmanager_secret_rotation" "quarterly" {
  secret_id           = aws_secretsmanager_secret.quarterly.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    automatically_after_days = 91
  }
}

# A rate expression of twice the period.
resource "aws_secretsmanager_secret" "semiannual" {
  name = "psp-webhook"
}

resource "aws_secretsmanager_secret_rotation" "semiannual" {
  secret_id           = aws_secretsmanager_secret.semiannual.arn
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    schedule_expression = "rate(180 days)"
  }
}

# Cron expressions that do not run every month: once a year, and on a fifth Monday.
resource "aws_secretsmanager_secret" "yearly" {
  name = "ledger-reader"
}

resource "aws_secretsmanager_secret_rotation" "yearly" {
  secret_id           = aws_secretsmanager_secret.yearly.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    schedule_expression = "cron(0 0 1 1 ? *)"
  }
}

resource "aws_secretsmanager_secret" "fifth_monday" {
  name = "ledger-writer"
}

resource "aws_secretsmanager_secret_rotation" "fifth_monday" {
  secret_id           = aws_secretsmanager_secret.fifth_monday.id
  rotation_lambda_arn = local.rotation_lambda_arn
  rotation_rules {
    schedule_expression = "cron(0 8 ? * MON#5 *)"
  }
}

# Module style: the period from a variable whose default is a year.
variable "rotation_days" {
  type    = number
  default = 365
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
