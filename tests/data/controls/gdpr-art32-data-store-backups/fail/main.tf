provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

variable "point_in_time_recovery_enabled" {
  description = "Whether to enable point-in-time recovery"
  type        = bool
  default     = false
}

variable "replica_regions" {
  description = "Regions to replicate the table to"
  type        = list(any)
  default     = [{ region_name = "eu-central-1" }]
}

variable "cache_snapshot_retention_limit" {
  description = "Days of automatic snapshots to keep"
  type        = number
  default     = 0
}

# No point_in_time_recovery block: recovery is off.
resource "aws_dynamodb_table" "no_recovery_block" {
  name         = "idempotency"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "idempotency_key"

  attribute {
    name = "idempotency_key"
    type = "S"
  }
}

# Module style: the block is there, switched off by a variable's default.
resource "aws_dynamodb_table" "recovery_by_variable" {
  name         = "customers"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "customer_id"

  attribute {
    name = "customer_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }
}

# The table recovers, its replica (written as a dynamic block) does not.
resource "aws_dynamodb_table" "replica_without_recovery" {
  name             = "payment-intents"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "intent_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "intent_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  dynamic "replica" {
    for_each = var.replica_regions
    content {
      region_name            = replica.value.region_name
      point_in_time_recovery = lookup(replica.value, "point_in_time_recovery", null)
    }
  }
}

# Compliant, in the failing folder: it must still pass.
resource "aws_dynamodb_table" "ledger" {
  name             = "ledger"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "entry_id"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "entry_id"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

# The replica written as its own resource, without point-in-time recovery.
resource "aws_dynamodb_table_replica" "ledger_frankfurt" {
  provider         = aws.frankfurt
  global_table_arn = aws_dynamodb_table.ledger.arn
}

resource "aws_backup_vault" "main" {
  name = "payments"
}

# A plan that nothing is assigned to backs nothing up.
resource "aws_backup_plan" "unassigned" {
  name = "payments-daily"

  rule {
    rule_name         = "daily"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 3 * * ? *)"

    lifecycle {
      delete_after = 35
    }
  }
}

# No aws_backup_selection anywhere in this configuration.
resource "aws_ebs_volume" "reconciliation" {
  availability_zone = "eu-west-1a"
  size              = 200
  encrypted         = true
}

# snapshot_retention_limit left unset: zero, no automatic snapshots.
resource "aws_elasticache_cluster" "sessions" {
  cluster_id      = "sessions"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

# Memcached keeps no snapshots: the check does not apply.
resource "aws_elasticache_cluster" "page_cache" {
  cluster_id      = "page-cache"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 2
}

resource "aws_elasticache_replication_group" "tokens" {
  replication_group_id       = "tokens"
  description                = "Payment tokens"
  engine                     = "redis"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

# Module style: retention arrives through a variable whose default is zero.
resource "aws_elasticache_replication_group" "rate_limits" {
  replication_group_id     = "rate-limits"
  description              = "Rate limits"
  engine                   = "valkey"
  node_type                = "cache.r7g.large"
  num_cache_clusters       = 2
  snapshot_retention_limit = var.cache_snapshot_retention_limit
}

resource "aws_redshift_cluster" "snapshots_off" {
  cluster_identifier                  = "analytics"
  node_type                           = "ra3.xlplus"
  number_of_nodes                     = 2
  master_username                     = "analytics_admin"
  manage_master_password              = true
  automated_snapshot_retention_period = 0
}

# automated_snapshot_retention_period left unset: one day.
resource "aws_redshift_cluster" "default_retention" {
  cluster_identifier     = "reporting"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "reporting_admin"
  manage_master_password = true
}

# No backup policy: the API and the provider create a file system without automatic backups.
resource "aws_efs_file_system" "statements" {
  creation_token = "statements"
  encrypted      = true
}

resource "aws_efs_file_system" "exports" {
  creation_token = "exports"
  encrypted      = true
}

resource "aws_efs_backup_policy" "exports" {
  file_system_id = aws_efs_file_system.exports.id

  backup_policy {
    status = "DISABLED"
  }
}
