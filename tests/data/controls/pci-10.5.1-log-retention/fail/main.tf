provider "aws" {
  region = "eu-west-1"
}

variable "log_retention_days" {
  default = 30
}

locals {
  retention = {
    audit   = 400
    debug   = 14
    archive = 0
  }
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/payments/audit"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "short" {
  name              = "/payments/short"
  retention_in_days = 90
}

# Just under a year.
resource "aws_cloudwatch_log_group" "almost" {
  name              = "/payments/almost"
  retention_in_days = 180
}

resource "aws_cloudwatch_log_group" "service" {
  for_each          = local.retention
  name              = "/payments/${each.key}"
  retention_in_days = each.value
}

resource "aws_cloudwatch_log_group" "per_az" {
  count             = 2
  name              = "/payments/edge-${count.index}"
  retention_in_days = count.index == 0 ? 731 : 7
}

module "flow_logs" {
  source            = "./modules/log-group"
  name              = "/vpc/flow"
  retention_in_days = 60
}
