# The shape of terraform-aws-modules/sns: created with count, the key an input defaulting to null.
variable "create" {
  type    = bool
  default = true
}

variable "name" {
  type = string
}

variable "fifo_topic" {
  type    = bool
  default = false
}

variable "kms_master_key_id" {
  type    = string
  default = null
}

resource "aws_sns_topic" "this" {
  count             = var.create ? 1 : 0
  name              = var.fifo_topic ? "${var.name}.fifo" : var.name
  fifo_topic        = var.fifo_topic
  kms_master_key_id = var.kms_master_key_id
}
