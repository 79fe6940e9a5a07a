provider "aws" {
  region = "eu-west-1"
}

resource "aws_redshift_parameter_group" "ssl_on" {
  name   = "warehouse-ssl-on"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }

  parameter {
    name  = "enable_user_activity_logging"
    value = "true"
  }
}

resource "aws_redshift_cluster" "ssl_on" {
  cluster_identifier           = "warehouse-ssl-on"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = aws_redshift_parameter_group.ssl_on.name
}

# Named by its literal name.
resource "aws_redshift_cluster" "by_name" {
  cluster_identifier           = "warehouse-by-name"
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = "warehouse-ssl-on"
}

module "redshift" {
  source = "./modules/redshift"

  cluster_identifier = "analytics"
  parameter_group_parameters = {
    require_ssl = { name = "require_ssl", value = true }
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

# tls not set: it stays enabled.
resource "aws_docdb_cluster_parameter_group" "audit_only" {
  name   = "profiles-audit"
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "aws_dax_cluster" "tls" {
  cluster_name                     = "sessions-tls"
  iam_role_arn                     = "arn:aws:iam::111122223333:role/dax"
  node_type                        = "dax.r5.large"
  replication_factor               = 1
  cluster_endpoint_encryption_type = "TLS"
}

resource "aws_memorydb_cluster" "defaults" {
  name      = "tokens-defaults"
  acl_name  = "open-access"
  node_type = "db.t4g.small"
}

resource "aws_dms_endpoint" "source_verified" {
  endpoint_id     = "ledger-source"
  endpoint_type   = "source"
  engine_name     = "postgres"
  server_name     = "ledger.internal"
  port            = 5432
  database_name   = "ledger"
  username        = "migrator"
  ssl_mode        = "verify-full"
  certificate_arn = "arn:aws:dms:eu-west-1:111122223333:cert:ledger-ca"
}

resource "aws_dms_endpoint" "target_required" {
  endpoint_id   = "ledger-target"
  endpoint_type = "target"
  engine_name   = "aurora-postgresql"
  server_name   = "ledger-new.internal"
  port          = 5432
  database_name = "ledger"
  username      = "migrator"
  ssl_mode      = "require"
}
