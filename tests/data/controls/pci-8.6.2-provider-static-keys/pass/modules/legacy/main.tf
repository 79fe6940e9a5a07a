provider "aws" {
  region  = "eu-west-1"
  profile = "legacy"
}

resource "aws_cloudwatch_log_group" "this" {
  name = "/legacy/app"
}
