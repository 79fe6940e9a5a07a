provider "aws" {
  region = "eu-south-1"
}

resource "aws_cloudwatch_log_group" "this" {
  name = "/legacy/app"
}
