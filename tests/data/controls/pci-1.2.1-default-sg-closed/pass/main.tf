provider "aws" {
  region = "eu-west-1"
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-123"
}
