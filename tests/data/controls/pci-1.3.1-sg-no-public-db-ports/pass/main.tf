provider "aws" {
  region = "eu-west-1"
}

variable "db_client_cidr_blocks" {
  type    = list(string)
  default = ["10.8.0.0/16"]
}

locals {
  vpn_v6 = "fd00:10::/32"
  app_ports = [
    { port = 443, cidr_blocks = ["0.0.0.0/0"] },
    { port = 27017, cidr_blocks = ["10.8.0.0/16"] },
  ]
}

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
    cidr_blocks = ["10.0.0.0/8"]
  }
}

resource "aws_security_group" "ipv6" {
  name = "ipv6"
  ingress {
    from_port        = 5432
    to_port          = 5432
    protocol         = "tcp"
    ipv6_cidr_blocks = [local.vpn_v6]
  }
  ingress {
    from_port        = 443
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}

# All protocols, but only from members of the group itself.
resource "aws_security_group" "all_traffic" {
  name = "all-traffic"
  ingress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    self      = true
  }
}

resource "aws_security_group" "all_tcp" {
  name = "all-tcp"
  ingress {
    from_port   = 0
    to_port     = 65535
    protocol    = "tcp"
    cidr_blocks = ["10.40.0.0/16"]
  }
}

# A public range that stops short of the database ports.
resource "aws_security_group" "range" {
  name = "range"
  ingress {
    from_port   = 8080
    to_port     = 8090
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  ingress {
    from_port   = 5430
    to_port     = 5435
    protocol    = "tcp"
    cidr_blocks = var.db_client_cidr_blocks
  }
}

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

resource "aws_security_group" "as_attribute" {
  name = "as-attribute"
  ingress = [{
    description      = "MySQL from the application subnets"
    from_port        = 3306
    to_port          = 3306
    protocol         = "tcp"
    cidr_blocks      = ["10.8.0.0/16"]
    ipv6_cidr_blocks = []
    prefix_list_ids  = []
    security_groups  = []
    self             = false
  }]
}

resource "aws_default_security_group" "default" {
  vpc_id = "vpc-0a1b2c3d"
}

resource "aws_security_group_rule" "extra" {
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = 5432
  to_port           = 5432
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["fd00::/8"]
}

resource "aws_security_group_rule" "all_traffic" {
  type                     = "ingress"
  security_group_id        = aws_security_group.app.id
  from_port                = 0
  to_port                  = 0
  protocol                 = "-1"
  source_security_group_id = aws_security_group.all_traffic.id
}

resource "aws_security_group_rule" "per_port" {
  for_each          = toset(["443", "8443"])
  type              = "ingress"
  security_group_id = aws_security_group.app.id
  from_port         = each.value
  to_port           = each.value
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_security_group_rule" "egress" {
  type              = "egress"
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}

resource "aws_vpc_security_group_ingress_rule" "extra" {
  security_group_id = aws_security_group.app.id
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.0.0.0/8"
}

resource "aws_vpc_security_group_ingress_rule" "ipv6" {
  security_group_id = aws_security_group.app.id
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "all_traffic" {
  security_group_id            = aws_security_group.app.id
  ip_protocol                  = "-1"
  referenced_security_group_id = aws_security_group.all_traffic.id
}

resource "aws_vpc_security_group_ingress_rule" "all_tcp" {
  security_group_id = aws_security_group.app.id
  from_port         = 0
  to_port           = 65535
  ip_protocol       = "tcp"
  cidr_ipv6         = "fd00::/8"
}

resource "aws_vpc_security_group_ingress_rule" "per_cidr" {
  count             = 2
  security_group_id = aws_security_group.app.id
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv4         = ["10.0.0.0/8", "172.16.0.0/12"][count.index]
}
