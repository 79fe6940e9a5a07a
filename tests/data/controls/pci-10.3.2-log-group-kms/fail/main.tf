provider "aws" {
  region = "eu-west-1"
}

variable "log_kms_key_arn" {
  type    = string
  default = ""
}

resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = true
}

# Left implicit: CloudWatch Logs encrypts with a key of its own, outside any key policy.
resource "aws_cloudwatch_log_group" "audit" {
  name = "/payments/audit"
}

# An empty string, the usual module default, sets no key.
resource "aws_cloudwatch_log_group" "from_variable" {
  name       = "/payments/api"
  kms_key_id = var.log_kms_key_arn
}

# Log groups per service with for_each; only "checkout" names a key.
resource "aws_cloudwatch_log_group" "service" {
  for_each   = { checkout = aws_kms_key.logs.arn, refunds = null }
  name       = "/payments/${each.key}"
  kms_key_id = each.value
}

resource "aws_cloudwatch_log_group" "per_az" {
  count      = 2
  name       = "/payments/edge-${count.index}"
  kms_key_id = count.index == 0 ? aws_kms_key.logs.arn : ""
}

# A module whose kms_key_id input is left null.
module "flow_logs" {
  source            = "./modules/log-group"
  name              = "/vpc/flow"
  retention_in_days = 365
}
