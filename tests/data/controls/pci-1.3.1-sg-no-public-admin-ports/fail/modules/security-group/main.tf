# The shape of terraform-aws-modules/security-group: named rules looked up in a map, one
# aws_security_group_rule per entry of ingress_with_cidr_blocks, made with count.
variable "name" {
  type = string
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_ipv6_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_rules" {
  type    = list(string)
  default = []
}

variable "ingress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "rules" {
  type = map(list(any))
  default = {
    https-443-tcp = [443, 443, "tcp", "HTTPS"]
    ssh-tcp       = [22, 22, "tcp", "SSH"]
    rdp-tcp       = [3389, 3389, "tcp", "Remote Desktop"]
    all-all       = [-1, -1, "-1", "All protocols"]
    _             = ["", "", ""]
  }
}

resource "aws_security_group" "this" {
  name = var.name
}

resource "aws_security_group_rule" "ingress_rules" {
  count = length(var.ingress_rules)

  security_group_id = aws_security_group.this.id
  type              = "ingress"
  cidr_blocks       = var.ingress_cidr_blocks
  ipv6_cidr_blocks  = var.ingress_ipv6_cidr_blocks
  description       = var.rules[var.ingress_rules[count.index]][3]
  from_port         = var.rules[var.ingress_rules[count.index]][0]
  to_port           = var.rules[var.ingress_rules[count.index]][1]
  protocol          = var.rules[var.ingress_rules[count.index]][2]
}

resource "aws_security_group_rule" "ingress_with_cidr_blocks" {
  count = length(var.ingress_with_cidr_blocks)

  security_group_id = aws_security_group.this.id
  type              = "ingress"
  cidr_blocks = compact(split(",", lookup(
    var.ingress_with_cidr_blocks[count.index], "cidr_blocks", join(",", var.ingress_cidr_blocks)
  )))
  from_port = lookup(
    var.ingress_with_cidr_blocks[count.index], "from_port",
    var.rules[lookup(var.ingress_with_cidr_blocks[count.index], "rule", "_")][0]
  )
  to_port = lookup(
    var.ingress_with_cidr_blocks[count.index], "to_port",
    var.rules[lookup(var.ingress_with_cidr_blocks[count.index], "rule", "_")][1]
  )
  protocol = lookup(
    var.ingress_with_cidr_blocks[count.index], "protocol",
    var.rules[lookup(var.ingress_with_cidr_blocks[count.index], "rule", "_")][2]
  )
}
