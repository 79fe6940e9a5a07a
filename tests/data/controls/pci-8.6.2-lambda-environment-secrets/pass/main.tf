provider "aws" {
  region = "eu-west-1"
}

variable "environment_variables" {
  description = "Module-style input (terraform-aws-modules/lambda): variables for the function."
  type        = map(string)
  default = {
    LOG_LEVEL           = "info"
    PSP_API_KEY_SSM_ARN = "arn:aws:ssm:eu-west-1:111122223333:parameter/payments/psp-api-key"
    LEDGER_QUEUE_URL    = "https://sqs.eu-west-1.amazonaws.com/111122223333/ledger"
  }
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

resource "aws_secretsmanager_secret" "ledger_db" {
  name       = "ledger-db"
  kms_key_id = aws_kms_key.lambda.arn
}

resource "aws_lambda_function" "settlement" {
  function_name = "settlement"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "settlement.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  environment {
    variables = {
      DB_HOST       = "ledger.internal"
      DB_SECRET_ARN = aws_secretsmanager_secret.ledger_db.arn
    }
  }
}

resource "aws_lambda_function" "webhooks" {
  function_name = "webhooks"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "webhooks.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  dynamic "environment" {
    for_each = length(keys(var.environment_variables)) == 0 ? [] : [true]
    content {
      variables = var.environment_variables
    }
  }
}

resource "aws_lambda_function" "healthcheck" {
  function_name = "healthcheck"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "healthcheck.zip"
}

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
