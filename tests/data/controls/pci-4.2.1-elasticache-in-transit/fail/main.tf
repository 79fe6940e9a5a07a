provider "aws" {
  region = "eu-west-1"
}

variable "encrypt_in_transit" {
  type    = bool
  default = false
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "payment sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = false
}

# Left implicit: the API does not encrypt traffic, for Valkey as for Redis OSS.
resource "aws_elasticache_replication_group" "implicit" {
  replication_group_id = "implicit"
  description          = "rate limits"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}

# "preferred" still accepts clients that connect without TLS.
resource "aws_elasticache_replication_group" "preferred" {
  replication_group_id       = "preferred"
  description                = "tokens being migrated to TLS"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = true
  transit_encryption_mode    = "preferred"
}

resource "aws_elasticache_replication_group" "from_variable" {
  replication_group_id       = "from-variable"
  description                = "feature flags"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = var.encrypt_in_transit
}

resource "aws_elasticache_replication_group" "tenant" {
  for_each                   = { retail = true, partner = false }
  replication_group_id       = "sessions-${each.key}"
  description                = "sessions of ${each.key}"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  transit_encryption_enabled = each.value
}

module "cart" {
  source                  = "./modules/elasticache"
  replication_group_id    = "cart"
  transit_encryption_mode = "preferred"
}
