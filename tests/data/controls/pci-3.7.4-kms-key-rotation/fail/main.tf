provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  description = "statements"
}
