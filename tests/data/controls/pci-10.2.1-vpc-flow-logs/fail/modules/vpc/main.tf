# The shape of terraform-aws-modules/vpc: the VPC made with count, its flow log switched on by
# an input and pointed at the VPC through a local that tries the CIDR association first.
variable "create_vpc" {
  type    = bool
  default = true
}

variable "cidr" {
  type = string
}

variable "secondary_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "enable_flow_log" {
  type    = bool
  default = false
}

variable "flow_log_traffic_type" {
  type    = string
  default = "ALL"
}

variable "flow_log_destination_arn" {
  type    = string
  default = ""
}

locals {
  vpc_id          = try(aws_vpc_ipv4_cidr_block_association.this[0].vpc_id, aws_vpc.this[0].id, "")
  enable_flow_log = var.create_vpc && var.enable_flow_log
}

resource "aws_vpc" "this" {
  count      = var.create_vpc ? 1 : 0
  cidr_block = var.cidr
}

resource "aws_vpc_ipv4_cidr_block_association" "this" {
  count      = var.create_vpc ? length(var.secondary_cidr_blocks) : 0
  vpc_id     = aws_vpc.this[0].id
  cidr_block = element(var.secondary_cidr_blocks, count.index)
}

resource "aws_flow_log" "this" {
  count                = local.enable_flow_log ? 1 : 0
  log_destination_type = "s3"
  log_destination      = var.flow_log_destination_arn
  traffic_type         = var.flow_log_traffic_type
  vpc_id               = local.vpc_id
}
