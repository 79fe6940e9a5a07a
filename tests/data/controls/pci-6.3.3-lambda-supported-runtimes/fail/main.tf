provider "aws" {
  region = "eu-west-1"
}

variable "worker_runtime" {
  type    = string
  default = "python3.9"
}

resource "aws_iam_role" "lambda" {
  name = "payments-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# Deprecated 2024-10-14.
resource "aws_lambda_function" "settlement" {
  function_name = "settlement"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.8"
  handler       = "app.handler"
  filename      = "settlement.zip"
}

# Node.js 16 on Amazon Linux 2, deprecated 2024-06-12.
resource "aws_lambda_function" "webhooks" {
  function_name = "webhooks"
  role          = aws_iam_role.lambda.arn
  runtime       = "nodejs16.x"
  handler       = "index.handler"
  filename      = "webhooks.zip"
}

# The Go runtime on Amazon Linux 1.
resource "aws_lambda_function" "reconciler" {
  function_name = "reconciler"
  role          = aws_iam_role.lambda.arn
  runtime       = "go1.x"
  handler       = "bootstrap"
  filename      = "reconciler.zip"
}

# Java 8 on Amazon Linux 1 (java8.al2 is its Amazon Linux 2 successor).
resource "aws_lambda_function" "statements" {
  function_name = "statements"
  role          = aws_iam_role.lambda.arn
  runtime       = "java8"
  handler       = "com.example.Statements::handleRequest"
  filename      = "statements.zip"
  memory_size   = 1024
}

# The runtime from a variable's default.
resource "aws_lambda_function" "worker" {
  function_name = "ledger-worker"
  role          = aws_iam_role.lambda.arn
  runtime       = var.worker_runtime
  handler       = "worker.handler"
  filename      = "worker.zip"
}

# The module's default runtime, nodejs18.x.
module "notifier" {
  source = "./modules/lambda"

  function_name = "notifier"
  role_arn      = aws_iam_role.lambda.arn
}
