provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAEXAMPLEEXAMPLE03"
  secret_key = "fake-secret-for-tests-only"
}

resource "aws_cloudwatch_log_group" "this" {
  name = "/legacy/app"
}
