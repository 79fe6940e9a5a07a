provider "aws" {
  region = "eu-west-1"
}

variable "encrypt_in_transit" {
  type    = bool
  default = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "payment sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id       = "valkey"
  description                = "rate limits"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
}

resource "aws_elasticache_replication_group" "required" {
  replication_group_id       = "required"
  description                = "tokens"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
}

resource "aws_elasticache_replication_group" "from_variable" {
  replication_group_id       = "from-variable"
  description                = "feature flags"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = var.encrypt_in_transit
}

resource "aws_elasticache_replication_group" "tenant" {
  for_each                   = toset(["retail", "partner"])
  replication_group_id       = "sessions-${each.key}"
  description                = "sessions of ${each.key}"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
}

# The module's defaults encrypt in transit; its mode is left null.
module "cart" {
  source               = "./modules/elasticache"
  replication_group_id = "cart"
}
