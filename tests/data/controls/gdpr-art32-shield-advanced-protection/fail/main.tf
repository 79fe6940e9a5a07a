provider "aws" {
  region = "eu-west-1"
}

resource "aws_shield_subscription" "this" {
  auto_renew = "ENABLED"
}

resource "aws_lb" "checkout" {
  name               = "checkout"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

# Added after the subscription, and never named in a protection.
resource "aws_lb" "partner_api" {
  name               = "partner-api"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_elb" "legacy" {
  name    = "legacy-statements"
  subnets = ["subnet-0a1b2c3d"]

  listener {
    instance_port     = 8443
    instance_protocol = "https"
    lb_port           = 443
    lb_protocol       = "https"
  }
}

# Internal: reached from the VPC only, not judged.
resource "aws_lb" "ledger" {
  name               = "ledger"
  internal           = true
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_shield_protection" "checkout" {
  name         = "checkout"
  resource_arn = aws_lb.checkout.arn
}
