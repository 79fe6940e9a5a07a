provider "aws" {
  region = "eu-west-1"
}

# Inline rule on the managed default group.
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-123"
  ingress {
    protocol  = -1
    self      = true
    from_port = 0
    to_port   = 0
  }
}

# A VPC with no aws_default_security_group: its default group keeps AWS's allow-all rules.
resource "aws_vpc" "unmanaged" {
  cidr_block = "10.10.0.0/16"
}

# A VPC whose managed default group has no blocks but a rule attached as its own resource.
resource "aws_vpc" "legacy_rule" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_default_security_group" "legacy_rule" {
  vpc_id = aws_vpc.legacy_rule.id
}

resource "aws_security_group_rule" "default_https_in" {
  type              = "ingress"
  security_group_id = aws_default_security_group.legacy_rule.id
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["10.0.0.0/8"]
}

# The same with the VPC-scoped rule resources of AWS provider v5.
resource "aws_vpc" "split_rules" {
  cidr_block = "10.30.0.0/16"
}

resource "aws_default_security_group" "split_rules" {
  vpc_id = aws_vpc.split_rules.id
}

resource "aws_vpc_security_group_ingress_rule" "default_self" {
  security_group_id            = aws_default_security_group.split_rules.id
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_default_security_group.split_rules.id
}

resource "aws_vpc_security_group_egress_rule" "default_all_out" {
  security_group_id = aws_default_security_group.split_rules.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

# The default VPC adopted without its default group.
resource "aws_default_vpc" "default" {}

# A VPC whose default group is managed and empty passes even in this folder.
resource "aws_vpc" "closed" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_default_security_group" "closed" {
  vpc_id = aws_vpc.closed.id
}
