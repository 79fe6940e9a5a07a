provider "aws" {
  region = "eu-west-1"
}

variable "encrypt_at_rest" {
  type    = bool
  default = false
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "payment sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = false
  transit_encryption_enabled = true
}

# Left implicit with Redis OSS: the API does not encrypt at rest.
resource "aws_elasticache_replication_group" "implicit" {
  replication_group_id = "implicit"
  description          = "rate limits"
  engine               = "redis"
  node_type            = "cache.t4g.small"
}

# No engine either: it defaults to Redis OSS.
resource "aws_elasticache_replication_group" "no_engine" {
  replication_group_id = "no-engine"
  description          = "feature flags"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "from_variable" {
  replication_group_id       = "from-variable"
  description                = "tokens"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = var.encrypt_at_rest
}

# Valkey encrypts at rest by default, but not when switched off.
resource "aws_elasticache_replication_group" "valkey_off" {
  replication_group_id       = "valkey-off"
  description                = "queues"
  engine                     = "valkey"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = false
}

resource "aws_elasticache_replication_group" "tenant" {
  for_each                   = { retail = true, partner = false }
  replication_group_id       = "sessions-${each.key}"
  description                = "sessions of ${each.key}"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = each.value
}

module "cart" {
  source                     = "./modules/elasticache"
  replication_group_id       = "cart"
  at_rest_encryption_enabled = false
}

# Left unset: the provider creates the cluster without server-side encryption.
resource "aws_dax_cluster" "ledger_cache" {
  cluster_name       = "ledger-cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3
}

resource "aws_dax_cluster" "statements_cache" {
  cluster_name       = "statements-cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = false
  }
}
