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

# terraform-aws-modules/vpc style: the default group managed, its rules from empty lists.
variable "default_security_group_ingress" {
  type    = list(map(string))
  default = []
}

variable "default_security_group_egress" {
  type    = list(map(string))
  default = []
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  dynamic "ingress" {
    for_each = var.default_security_group_ingress
    content {
      self        = lookup(ingress.value, "self", null)
      cidr_blocks = compact(split(",", lookup(ingress.value, "cidr_blocks", "")))
      from_port   = lookup(ingress.value, "from_port", 0)
      to_port     = lookup(ingress.value, "to_port", 0)
      protocol    = lookup(ingress.value, "protocol", "-1")
    }
  }

  dynamic "egress" {
    for_each = var.default_security_group_egress
    content {
      cidr_blocks = compact(split(",", lookup(egress.value, "cidr_blocks", "")))
      from_port   = lookup(egress.value, "from_port", 0)
      to_port     = lookup(egress.value, "to_port", 0)
      protocol    = lookup(egress.value, "protocol", "-1")
    }
  }
}

resource "aws_default_vpc" "default" {}

resource "aws_default_security_group" "default_vpc" {
  vpc_id = aws_default_vpc.default.id
}

# A rule on another group that only names the default group as its source.
resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = aws_vpc.this.id
}

resource "aws_security_group_rule" "app_from_default" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  source_security_group_id = aws_default_security_group.this.id
  protocol                 = "tcp"
  from_port                = 443
  to_port                  = 443
}
