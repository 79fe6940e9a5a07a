provider "aws" {
  region = "eu-west-1"
}

variable "subnet_ids" {
  type    = list(string)
  default = []
}

resource "aws_lambda_function" "authorize" {
  function_name = "authorize-payment"
  role          = "arn:aws:iam::111122223333:role/lambda"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "authorize.zip"
  tags          = { DataClassification = "cardholder" }
}

# Subnets from a variable left empty: not attached.
resource "aws_lambda_function" "capture" {
  function_name = "capture-payment"
  role          = "arn:aws:iam::111122223333:role/lambda"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "capture.zip"
  tags          = { DataClassification = "cardholder" }

  vpc_config {
    subnet_ids         = var.subnet_ids
    security_group_ids = []
  }
}

# Handles no cardholder data: not judged.
resource "aws_lambda_function" "thumbnails" {
  function_name = "thumbnails"
  role          = "arn:aws:iam::111122223333:role/lambda"
  runtime       = "python3.12"
  handler       = "app.handler"
  filename      = "thumbnails.zip"
}
