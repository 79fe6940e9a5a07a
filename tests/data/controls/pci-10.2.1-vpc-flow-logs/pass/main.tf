provider "aws" {
  region = "eu-west-1"
}

variable "flow_log_traffic_type" {
  type    = string
  default = "ALL"
}

resource "aws_cloudwatch_log_group" "flow" {
  name = "/vpc/flow"
}

resource "aws_s3_bucket" "flow" {
  bucket = "pay-flow-logs"
}

resource "aws_vpc" "main" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

# Accepted and rejected traffic in two flow logs record all of it.
resource "aws_vpc" "two_logs" {
  cidr_block = "10.41.0.0/16"
}

resource "aws_flow_log" "two_logs" {
  for_each             = toset(["ACCEPT", "REJECT"])
  vpc_id               = aws_vpc.two_logs.id
  traffic_type         = each.key
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow.arn
}

resource "aws_vpc" "from_variable" {
  cidr_block = "10.42.0.0/16"
}

resource "aws_flow_log" "from_variable" {
  vpc_id          = aws_vpc.from_variable.id
  traffic_type    = var.flow_log_traffic_type
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

resource "aws_vpc" "zone" {
  for_each   = { cde = "10.50.0.0/16", corp = "10.51.0.0/16" }
  cidr_block = each.value
}

resource "aws_flow_log" "zone" {
  for_each        = aws_vpc.zone
  vpc_id          = each.value.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

resource "aws_default_vpc" "default" {}

resource "aws_flow_log" "default" {
  vpc_id          = aws_default_vpc.default.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flow.arn
  iam_role_arn    = "arn:aws:iam::111122223333:role/flow-logs"
}

module "vpc" {
  source                   = "./modules/vpc"
  cidr                     = "10.60.0.0/16"
  secondary_cidr_blocks    = ["10.61.0.0/16"]
  enable_flow_log          = true
  flow_log_destination_arn = aws_s3_bucket.flow.arn
}
