provider "aws" {
  region = "eu-west-1"
}

resource "aws_redshift_parameter_group" "ssl_off" {
  name   = "warehouse-ssl-off"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "false"
  }
}

# require_ssl not set: it stays false.
resource "aws_redshift_parameter_group" "unset" {
  name   = "warehouse-unset"
  family = "redshift-1.0"

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_parameter_group" "ssl_on" {
  name   = "warehouse-ssl-on"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
}

# No parameter group: the default group leaves require_ssl off.
resource "aws_redshift_cluster" "default_group" {
  cluster_identifier = "warehouse-default-group"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "ssl_off" {
  cluster_identifier           = "warehouse-ssl-off"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = aws_redshift_parameter_group.ssl_off.name
}

resource "aws_redshift_cluster" "ssl_on" {
  cluster_identifier           = "warehouse-ssl-on"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = aws_redshift_parameter_group.ssl_on.id
}

# The module's parameter group with no parameters.
module "redshift" {
  source = "./modules/redshift"

  cluster_identifier = "analytics"
}

resource "aws_docdb_cluster_parameter_group" "tls_off" {
  name   = "profiles-tls-off"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "disabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "tls_on" {
  name   = "profiles-tls-on"
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "enabled"
  }
}

# cluster_endpoint_encryption_type defaults to NONE.
resource "aws_dax_cluster" "defaults" {
  cluster_name       = "sessions-defaults"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r5.large"
  replication_factor = 1
}

resource "aws_dax_cluster" "tls" {
  cluster_name                     = "sessions-tls"
  iam_role_arn                     = "arn:aws:iam::111122223333:role/dax"
  node_type                        = "dax.r5.large"
  replication_factor               = 1
  cluster_endpoint_encryption_type = "TLS"
}

resource "aws_memorydb_cluster" "no_tls" {
  name        = "tokens-no-tls"
  acl_name    = "open-access"
  node_type   = "db.t4g.small"
  tls_enabled = false
}

# tls_enabled defaults to true.
resource "aws_memorydb_cluster" "defaults" {
  name      = "tokens-defaults"
  acl_name  = "open-access"
  node_type = "db.t4g.small"
}

# ssl_mode defaults to none.
resource "aws_dms_endpoint" "source_defaults" {
  endpoint_id   = "ledger-source"
  endpoint_type = "source"
  engine_name   = "postgres"
  server_name   = "ledger.internal"
  port          = 5432
  database_name = "ledger"
  username      = "migrator"
}

resource "aws_dms_endpoint" "target_none" {
  endpoint_id   = "ledger-target"
  endpoint_type = "target"
  engine_name   = "aurora-postgresql"
  server_name   = "ledger-new.internal"
  port          = 5432
  database_name = "ledger"
  username      = "migrator"
  ssl_mode      = "none"
}

# An S3 target is reached over HTTPS whatever ssl_mode says: not judged.
resource "aws_dms_endpoint" "s3_target" {
  endpoint_id   = "ledger-archive"
  endpoint_type = "target"
  engine_name   = "s3"
}
