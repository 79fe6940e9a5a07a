provider "aws" {
  region = "eu-west-1"
}

variable "environment_variables" {
  description = "Module-style input (terraform-aws-modules/lambda): variables for the function."
  type        = map(string)
  default = {
    LOG_LEVEL        = "info"
    PSP_API_KEY      = "fake-psp-key-for-tests"
    LEDGER_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/111122223333/ledger"
  }
}

variable "kms_key_arn" {
  type    = string
  default = null
}

resource "aws_iam_role" "lambda" {
  name = "payments-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_kms_key" "lambda" {
  description         = "Lambda environment variables"
  enable_key_rotation = true
}

# A literal password in the environment, under the AWS managed key.
resource "aws_lambda_function" "settlement" {
  function_name = "settlement"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "settlement.zip"

  environment {
    variables = {
      DB_HOST     = "ledger.internal"
      DB_PASSWORD = "fake-password-for-tests"
    }
  }
}

# The module's dynamic block, its key left at a null default.
resource "aws_lambda_function" "webhooks" {
  function_name = "webhooks"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "webhooks.zip"
  kms_key_arn   = var.kms_key_arn

  dynamic "environment" {
    for_each = length(keys(var.environment_variables)) == 0 ? [] : [true]
    content {
      variables = var.environment_variables
    }
  }
}

# No environment: nothing to encrypt.
resource "aws_lambda_function" "healthcheck" {
  function_name = "healthcheck"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "healthcheck.zip"
}

# A compliant neighbour: a secret's ARN in the environment, encrypted with the key.
resource "aws_lambda_function" "reconciliation" {
  function_name = "reconciliation"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "reconciliation.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  environment {
    variables = {
      DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ledger-db-AbCdEf"
    }
  }
}

# Encrypted with a customer key, but the secret itself sits in the environment.
resource "aws_lambda_function" "payouts" {
  function_name = "payouts"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "payouts.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  environment {
    variables = {
      LOG_LEVEL      = "info"
      PAYOUT_API_KEY = "fake-payout-key-for-tests"
    }
  }
}
