provider "aws" {
  region = "eu-west-1"
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
