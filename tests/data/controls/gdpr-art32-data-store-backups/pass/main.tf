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
  default     = true
}

variable "replica_regions" {
  description = "Regions to replicate the table to"
  type        = list(any)
  default     = [{ region_name = "eu-central-1", point_in_time_recovery = true }]
}

variable "cache_snapshot_retention_limit" {
  description = "Days of automatic snapshots to keep"
  type        = number
  default     = 7
}

resource "aws_dynamodb_table" "idempotency" {
  name         = "idempotency"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "idempotency_key"

  attribute {
    name = "idempotency_key"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}

# Module style: recovery switched on by a variable's default.
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

# Replicas written as a dynamic block, each with its own recovery.
resource "aws_dynamodb_table" "payment_intents" {
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

# The replica written as its own resource.
resource "aws_dynamodb_table_replica" "ledger_frankfurt" {
  provider               = aws.frankfurt
  global_table_arn       = aws_dynamodb_table.ledger.arn
  point_in_time_recovery = true
}

resource "aws_kms_key" "backup" {
  description         = "Backup recovery points"
  enable_key_rotation = true
}

resource "aws_backup_vault" "main" {
  name        = "payments"
  kms_key_arn = aws_kms_key.backup.arn
}

resource "aws_iam_role" "backup" {
  name = "payments-backup"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "backup.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_backup_plan" "daily" {
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

# Volumes named one by one.
resource "aws_backup_selection" "volumes" {
  name         = "reconciliation-volumes"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = [aws_ebs_volume.reconciliation.arn]
}

resource "aws_backup_plan" "weekly" {
  name = "payments-weekly"

  rule {
    rule_name         = "weekly"
    target_vault_name = aws_backup_vault.main.name
    schedule          = "cron(0 4 ? * SUN *)"
  }
}

# Resources picked by tag.
resource "aws_backup_selection" "tagged" {
  name         = "tagged-for-backup"
  plan_id      = aws_backup_plan.weekly.id
  iam_role_arn = aws_iam_role.backup.arn

  selection_tag {
    type  = "STRINGEQUALS"
    key   = "Backup"
    value = "weekly"
  }
}

resource "aws_ebs_volume" "reconciliation" {
  availability_zone = "eu-west-1a"
  size              = 200
  encrypted         = true
  tags              = { Backup = "weekly" }
}

resource "aws_elasticache_cluster" "sessions" {
  cluster_id               = "sessions"
  engine                   = "redis"
  node_type                = "cache.t4g.small"
  num_cache_nodes          = 1
  snapshot_retention_limit = 5
  snapshot_window          = "02:00-03:00"
}

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
  snapshot_retention_limit   = 7
}

# A member added to the group: its snapshots are the group's.
resource "aws_elasticache_cluster" "tokens_extra_replica" {
  cluster_id           = "tokens-3"
  replication_group_id = aws_elasticache_replication_group.tokens.id
}

# Module style: retention arrives through a variable's default.
resource "aws_elasticache_replication_group" "rate_limits" {
  replication_group_id     = "rate-limits"
  description              = "Rate limits"
  engine                   = "valkey"
  node_type                = "cache.r7g.large"
  num_cache_clusters       = 2
  snapshot_retention_limit = var.cache_snapshot_retention_limit
}

resource "aws_redshift_cluster" "analytics" {
  cluster_identifier                  = "analytics"
  node_type                           = "ra3.xlplus"
  number_of_nodes                     = 2
  master_username                     = "analytics_admin"
  manage_master_password              = true
  automated_snapshot_retention_period = 7
}

# automated_snapshot_retention_period left unset: one day.
resource "aws_redshift_cluster" "reporting" {
  cluster_identifier     = "reporting"
  node_type              = "ra3.xlplus"
  number_of_nodes        = 2
  master_username        = "reporting_admin"
  manage_master_password = true
}

resource "aws_efs_file_system" "statements" {
  creation_token = "statements"
  encrypted      = true
}

resource "aws_efs_backup_policy" "statements" {
  file_system_id = aws_efs_file_system.statements.id

  backup_policy {
    status = "ENABLED"
  }
}
