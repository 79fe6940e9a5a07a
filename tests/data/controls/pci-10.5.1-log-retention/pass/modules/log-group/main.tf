# The shape of terraform-aws-modules/cloudwatch//modules/log-group.
variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "retention_in_days" {
  type    = number
  default = null
}

variable "kms_key_id" {
  type    = string
  default = null
}

resource "aws_cloudwatch_log_group" "this" {
  count             = var.create ? 1 : 0
  name              = var.name
  retention_in_days = var.retention_in_days
  kms_key_id        = var.kms_key_id
}
