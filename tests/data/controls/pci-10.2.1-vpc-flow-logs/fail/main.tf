provider "aws" {
  region = "eu-west-1"
}

variable "flow_log_traffic_type" {
  type    = string
  default = "ACCEPT"
}

resource "aws_cloudwatch_log_group" "flow" {
  name = "/vpc/flow"
}

# No flow log at all.
resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

# Only rejected traffic: what was accepted, and so what left, goes unrecorded.
resource "aws_vpc" "rejects_only" {
  cidr_block = "10.41.0.0/16"
}

resource "aws_flow_log" "rejects_only" {
  vpc_id          = aws_vpc.rejects_only.id
  traffic_type    = "REJECT"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

# Only accepted traffic, the type from a variable's default.
resource "aws_vpc" "accepts_only" {
  cidr_block = "10.42.0.0/16"
}

resource "aws_flow_log" "accepts_only" {
  vpc_id          = aws_vpc.accepts_only.id
  traffic_type    = var.flow_log_traffic_type
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

# A flow log on one subnet does not record the rest of the VPC.
resource "aws_vpc" "subnet_only" {
  cidr_block = "10.43.0.0/16"
}

resource "aws_subnet" "subnet_only" {
  vpc_id     = aws_vpc.subnet_only.id
  cidr_block = "10.43.1.0/24"
}

resource "aws_flow_log" "subnet_only" {
  subnet_id       = aws_subnet.subnet_only.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

# VPCs made with for_each; only "cde" has a flow log.
resource "aws_vpc" "zone" {
  for_each   = { cde = "10.50.0.0/16", corp = "10.51.0.0/16" }
  cidr_block = each.value
}

resource "aws_flow_log" "zone" {
  vpc_id          = aws_vpc.zone["cde"].id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

# The default VPC, adopted into Terraform without a flow log.
resource "aws_default_vpc" "default" {}

# A module whose flow log is left switched off.
module "vpc" {
  source = "./modules/vpc"
  cidr   = "10.60.0.0/16"
}
