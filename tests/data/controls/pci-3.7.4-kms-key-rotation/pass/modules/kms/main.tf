# The shape of terraform-aws-modules/kms: created with count, rotation an input defaulting to on
# for symmetric keys.
variable "create" {
  type    = bool
  default = true
}

variable "description" {
  type = string
}

variable "key_usage" {
  type    = string
  default = null
}

variable "customer_master_key_spec" {
  type    = string
  default = null
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

resource "aws_kms_key" "this" {
  count                    = var.create ? 1 : 0
  description              = var.description
  key_usage                = var.key_usage
  customer_master_key_spec = var.customer_master_key_spec
  enable_key_rotation      = var.enable_key_rotation
}
