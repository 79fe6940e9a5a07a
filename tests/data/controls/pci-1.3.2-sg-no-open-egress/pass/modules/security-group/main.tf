# The shape of terraform-aws-modules/security-group: named rules looked up in a map, one
# aws_security_group_rule per entry of egress_rules, made with count; egress_cidr_blocks
# defaults to the whole internet.
variable "name" {
  type = string
}

variable "vpc_id" {
  type    = string
  default = null
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "egress_rules" {
  type    = list(string)
  default = []
}

variable "egress_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "egress_ipv6_cidr_blocks" {
  type    = list(string)
  default = ["::/0"]
}

variable "rules" {
  type = map(list(any))
  default = {
    https-443-tcp = [443, 443, "tcp", "HTTPS"]
    postgresql-tcp = [5432, 5432, "tcp", "PostgreSQL"]
    all-all       = [-1, -1, "-1", "All protocols"]
  }
}

resource "aws_security_group" "this" {
  name   = var.name
  vpc_id = var.vpc_id
  tags   = merge(var.tags, { Name = var.name })
}

resource "aws_security_group_rule" "egress_rules" {
  count = length(var.egress_rules)

  security_group_id = aws_security_group.this.id
  type              = "egress"
  cidr_blocks       = var.egress_cidr_blocks
  ipv6_cidr_blocks  = var.egress_ipv6_cidr_blocks
  description       = var.rules[var.egress_rules[count.index]][3]
  from_port         = var.rules[var.egress_rules[count.index]][0]
  to_port           = var.rules[var.egress_rules[count.index]][1]
  protocol          = var.rules[var.egress_rules[count.index]][2]
}
