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

resource "aws_shield_protection" "public" {
  for_each = {
    checkout    = aws_lb.checkout.arn
    partner_api = aws_lb.partner_api.arn
    legacy      = aws_elb.legacy.arn
  }

  name         = each.key
  resource_arn = each.value
}
