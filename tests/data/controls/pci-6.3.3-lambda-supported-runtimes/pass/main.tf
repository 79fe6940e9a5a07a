provider "aws" {
  region = "eu-west-1"
}

variable "worker_runtime" {
  type    = string
  default = "python3.13"
}

resource "aws_iam_role" "lambda" {
  name = "payments-lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

resource "aws_lambda_function" "settlement" {
  function_name = "settlement"
  role          = aws_iam_role.lambda.arn
  runtime       = "python3.13"
  handler       = "app.handler"
  filename      = "settlement.zip"
}

resource "aws_lambda_function" "webhooks" {
  function_name = "webhooks"
  role          = aws_iam_role.lambda.arn
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  filename      = "webhooks.zip"
}

# Go on the OS-only runtime of Amazon Linux 2023.
resource "aws_lambda_function" "reconciler" {
  function_name = "reconciler"
  role          = aws_iam_role.lambda.arn
  runtime       = "provided.al2023"
  handler       = "bootstrap"
  filename      = "reconciler.zip"
}

# Java 8 on Amazon Linux 2, still patched.
resource "aws_lambda_function" "statements" {
  function_name = "statements"
  role          = aws_iam_role.lambda.arn
  runtime       = "java8.al2"
  handler       = "com.example.Statements::handleRequest"
  filename      = "statements.zip"
  memory_size   = 1024
}

resource "aws_lambda_function" "worker" {
  function_name = "ledger-worker"
  role          = aws_iam_role.lambda.arn
  runtime       = var.worker_runtime
  handler       = "worker.handler"
  filename      = "worker.zip"
}

module "notifier" {
  source = "./modules/lambda"

  function_name = "notifier"
  role_arn      = aws_iam_role.lambda.arn
  runtime       = "nodejs24.x"
}

# A container image brings its own runtime: not judged here.
resource "aws_lambda_function" "scoring" {
  function_name = "fraud-scoring"
  role          = aws_iam_role.lambda.arn
  package_type  = "Image"
  image_uri     = "111122223333.dkr.ecr.eu-west-1.amazonaws.com/fraud-scoring:1.4.2"
}

# The module building from an image.
module "exporter" {
  source = "./modules/lambda"

  function_name = "exporter"
  role_arn      = aws_iam_role.lambda.arn
  package_type  = "Image"
}
