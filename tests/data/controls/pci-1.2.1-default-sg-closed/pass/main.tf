provider "aws" {
  region = "eu-west-1"
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-123"
}

resource "aws_default_security_group" "secondary" {
  vpc_id  = "vpc-456"
  ingress = []
  egress  = []
}
