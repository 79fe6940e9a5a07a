provider "aws" {
  region = "eu-west-1"
}

variable "encrypt_at_rest" {
  type    = bool
  default = true
}

resource "aws_kms_key" "cache" {
  description         = "elasticache"
  enable_key_rotation = true
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "payment sessions"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.cache.arn
  transit_encryption_enabled = true
}

# Left implicit with Valkey: the API encrypts at rest by default.
resource "aws_elasticache_replication_group" "valkey" {
  replication_group_id = "valkey"
  description          = "rate limits"
  engine               = "valkey"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "from_variable" {
  replication_group_id       = "from-variable"
  description                = "tokens"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = var.encrypt_at_rest
}

resource "aws_elasticache_replication_group" "tenant" {
  for_each                   = toset(["retail", "partner"])
  replication_group_id       = "sessions-${each.key}"
  description                = "sessions of ${each.key}"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
}

# The module's default encrypts at rest.
module "cart" {
  source               = "./modules/elasticache"
  replication_group_id = "cart"
}

resource "aws_dax_cluster" "ledger_cache" {
  cluster_name       = "ledger-cache"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = true
  }
}
