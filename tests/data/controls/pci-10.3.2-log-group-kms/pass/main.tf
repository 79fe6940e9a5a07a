provider "aws" {
  region = "eu-west-1"
}

variable "log_kms_key_arn" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

locals {
  logs_key_arn = aws_kms_key.data.arn
}

resource "aws_cloudwatch_log_group" "audit" {
  name       = "/payments/audit"
  kms_key_id = aws_kms_key.data.arn
}

resource "aws_cloudwatch_log_group" "from_variable" {
  name       = "/payments/api"
  kms_key_id = var.log_kms_key_arn
}

resource "aws_cloudwatch_log_group" "service" {
  for_each   = toset(["checkout", "refunds"])
  name       = "/payments/${each.key}"
  kms_key_id = local.logs_key_arn
}

resource "aws_cloudwatch_log_group" "per_az" {
  count      = 2
  name       = "/payments/edge-${count.index}"
  kms_key_id = local.logs_key_arn
}

module "flow_logs" {
  source            = "./modules/log-group"
  name              = "/vpc/flow"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.data.arn
}
