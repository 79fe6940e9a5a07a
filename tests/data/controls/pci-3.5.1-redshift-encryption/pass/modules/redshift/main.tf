# A cluster module in the style of terraform-aws-modules/redshift: settings come in as
# variables with defaults.
variable "create" {
  type    = bool
  default = true
}

variable "cluster_identifier" {
  type = string
}

variable "encrypted" {
  type    = bool
  default = true
}

variable "kms_key_arn" {
  type    = string
  default = null
}

resource "aws_redshift_cluster" "this" {
  count = var.create ? 1 : 0

  cluster_identifier = var.cluster_identifier
  node_type          = "ra3.xlplus"
  master_username    = "warehouse_admin"
  encrypted          = var.encrypted
  kms_key_id         = var.kms_key_arn
}
