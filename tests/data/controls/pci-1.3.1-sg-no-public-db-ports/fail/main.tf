provider "aws" {
  region = "eu-west-1"
}

variable "db_client_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

locals {
  everywhere_v6 = "::/0"
  app_ports = [
    { port = 443, cidr_blocks = ["0.0.0.0/0"] },
    { port = 27017, cidr_blocks = ["0.0.0.0/0"] },
  ]
}

# Inline ingress blocks: HTTPS is fine, PostgreSQL open to the world is not.
resource "aws_security_group" "app" {
  name = "app"
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# PostgreSQL open over IPv6 only.
resource "aws_security_group" "ipv6" {
  name = "ipv6"
  ingress {
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    ipv6_cidr_blocks = [local.everywhere_v6]
  }
}

# All protocols: every port, the database ports included.
resource "aws_security_group" "all_traffic" {
  name = "all-traffic"
  ingress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# A TCP range covering every port.
resource "aws_security_group" "all_tcp" {
  name = "all-tcp"
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# A range that covers 5432, the source from a variable's default.
resource "aws_security_group" "range" {
  name = "range"
  ingress {
    from_port   = 5430
    to_port     = 5435
    protocol    = "tcp"
    cidr_blocks = var.db_client_cidr_blocks
  }
}

# Rules made with a dynamic block over a local list.
resource "aws_security_group" "dynamic" {
  name = "dynamic"
  dynamic "ingress" {
    for_each = local.app_ports
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidr_blocks
    }
  }
}

# Ingress written as an attribute (a list of objects) instead of blocks.
resource "aws_security_group" "as_attribute" {
  name = "as-attribute"
  ingress = [{
    description      = "MySQL"
    from_port        = 3306
    to_port          = 3306
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
    self             = false
  }]
}

# The VPC's default security group, managed with an open PostgreSQL rule.
resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0a1b2c3d"
  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Rules as resources of their own.
resource "aws_security_group_rule" "extra" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_security_group_rule" "all_traffic" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "per_port" {
  for_each          = toset(["443", "6379"])
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = each.value
  to_port           = each.value
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

# Egress to the internet is not this control's concern.
resource "aws_security_group_rule" "egress" {
  type              = "egress"
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}

# The VPC-scoped rule resources of AWS provider v5.
resource "aws_vpc_security_group_ingress_rule" "extra" {
  security_group_id = aws_security_group.app.id
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ipv6" {
  security_group_id = aws_security_group.app.id
  from_port         = 3306
  to_port           = 3306
  ip_protocol       = "tcp"
  cidr_ipv6         = "::/0"
}

# ip_protocol "-1" has no ports at all.
resource "aws_vpc_security_group_ingress_rule" "all_traffic" {
  security_group_id = aws_security_group.app.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "all_tcp" {
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 65535
  ip_protocol       = "tcp"
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "per_cidr" {
  count             = 2
  security_group_id = aws_security_group.app.id
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv4         = ["10.0.0.0/8", "0.0.0.0/0"][count.index]
}
