provider "aws" {
  region = "eu-west-1"
}

variable "log_retention_days" {
  default = 365
}

locals {
  retention = {
    audit   = 400
    archive = 0
  }
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/payments/audit"
  retention_in_days = 400
}

# Left implicit: events never expire.
resource "aws_cloudwatch_log_group" "forever" {
  name = "/payments/forever"
}

# Zero: events never expire.
resource "aws_cloudwatch_log_group" "zero" {
  name              = "/payments/zero"
  retention_in_days = 0
}

resource "aws_cloudwatch_log_group" "from_variable" {
  name              = "/payments/api"
  retention_in_days = var.log_retention_days
}

resource "aws_cloudwatch_log_group" "service" {
  for_each          = local.retention
  name              = "/payments/${each.key}"
  retention_in_days = each.value
}

resource "aws_cloudwatch_log_group" "per_az" {
  count             = 2
  name              = "/payments/edge-${count.index}"
  retention_in_days = count.index == 0 ? 731 : 3653
}

# The module's null default leaves the provider's own: never expire.
module "flow_logs" {
  source = "./modules/log-group"
  name   = "/vpc/flow"
}
