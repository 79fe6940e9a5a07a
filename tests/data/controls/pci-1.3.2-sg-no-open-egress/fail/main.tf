provider "aws" {
  region = "eu-west-1"
}

locals {
  cde_tags = { DataClassification = "cardholder" }
}

resource "aws_vpc" "cde" {
  cidr_block = "10.20.0.0/16"
}

# The allow-all egress block copied from the provider's documentation.
resource "aws_security_group" "app" {
  name   = "payments-app"
  vpc_id = aws_vpc.cde.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.cde.cidr_block]
  }

  egress {
    from_port        = 0
    to_port          = 0
    protocol         = "-1"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = local.cde_tags
}

# Every TCP port to every IPv6 address.
resource "aws_security_group" "ipv6_all_tcp" {
  name   = "payments-batch"
  vpc_id = aws_vpc.cde.id

  egress {
    from_port        = 0
    to_port          = 65535
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }

  tags = { DataClassification = "cardholder", Name = "payments-batch" }
}

# Rules as resources of their own.
resource "aws_security_group" "api" {
  name   = "payments-api"
  vpc_id = aws_vpc.cde.id
  tags   = local.cde_tags
}

resource "aws_security_group_rule" "api_egress" {
  type              = "egress"
  security_group_id = aws_security_group.api.id
  from_port         = 0
  to_port           = 0
  protocol          = "all"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group" "worker" {
  name   = "payments-worker"
  vpc_id = aws_vpc.cde.id
  tags   = local.cde_tags
}

resource "aws_vpc_security_group_egress_rule" "worker_https" {
  security_group_id = aws_security_group.worker.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "worker_all" {
  security_group_id = aws_security_group.worker.id
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "-1"
}

# A managed default security group left with the egress AWS gives it.
resource "aws_default_security_group" "default" {
  vpc_id = aws_vpc.cde.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.cde_tags
}

module "ledger_sg" {
  source       = "./modules/security-group"
  name         = "ledger"
  vpc_id       = aws_vpc.cde.id
  egress_rules = ["all-all"]
  tags         = { DataClassification = "cardholder" }
}

# Out of scope: no DataClassification tag.
resource "aws_security_group" "marketing" {
  name   = "marketing-site"
  vpc_id = aws_vpc.cde.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
