# The shape of terraform-aws-modules/elasticache: a replication group whose encryption
# settings are inputs that default to on.
variable "replication_group_id" {
  type = string
}

variable "engine" {
  type    = string
  default = "redis"
}

variable "at_rest_encryption_enabled" {
  type    = bool
  default = true
}

variable "transit_encryption_enabled" {
  type    = bool
  default = true
}

variable "transit_encryption_mode" {
  type    = string
  default = null
}

resource "aws_elasticache_replication_group" "this" {
  count = 1

  replication_group_id       = var.replication_group_id
  description                = "managed by the module"
  engine                     = var.engine
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = var.at_rest_encryption_enabled
  transit_encryption_enabled = var.transit_encryption_enabled
  transit_encryption_mode    = var.transit_encryption_mode
}
