provider "aws" {
  region = "eu-west-1"
}

variable "subnets" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

variable "drop_invalid_headers" {
  type    = bool
  default = false
}

# Left implicit: the provider forwards invalid header fields.
resource "aws_lb" "api" {
  name    = "pay-api"
  subnets = var.subnets
}

resource "aws_lb" "checkout" {
  name                       = "pay-checkout"
  load_balancer_type         = "application"
  subnets                    = var.subnets
  drop_invalid_header_fields = true
  desync_mitigation_mode     = "monitor"
}

resource "aws_alb" "admin" {
  name                       = "pay-admin"
  internal                   = true
  subnets                    = var.subnets
  drop_invalid_header_fields = var.drop_invalid_headers
}

resource "aws_lb" "per_team" {
  for_each                   = { cards = true, payouts = false }
  name                       = "pay-${each.key}"
  subnets                    = var.subnets
  drop_invalid_header_fields = each.value
}

# A network load balancer does not parse HTTP: not judged.
resource "aws_lb" "ingest" {
  name               = "pay-ingest"
  load_balancer_type = "network"
  subnets            = var.subnets
}

resource "aws_elb" "legacy" {
  name                   = "pay-legacy"
  availability_zones     = ["eu-west-1a"]
  desync_mitigation_mode = "monitor"

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}

# The provider's default mode, defensive.
resource "aws_elb" "reports" {
  name               = "pay-reports"
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}
