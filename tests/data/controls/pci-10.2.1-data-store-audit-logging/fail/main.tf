provider "aws" {
  region = "eu-west-1"
}

resource "aws_redshift_cluster" "no_logging" {
  cluster_identifier = "warehouse-no-logging"
  node_type          = "ra3.xlplus"
}

# Provider v5: the logging block, switched off.
resource "aws_redshift_cluster" "logging_off" {
  cluster_identifier = "warehouse-logging-off"
  node_type          = "ra3.xlplus"

  logging {
    enable = false
  }
}

# Provider v6: logging as its own resource.
resource "aws_redshift_cluster" "logged" {
  cluster_identifier = "warehouse-logged"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_logging" "logged" {
  cluster_identifier   = aws_redshift_cluster.logged.id
  log_destination_type = "cloudwatch"
  log_exports          = ["connectionlog", "userlog", "useractivitylog"]
}

# The module without its logging map.
module "redshift" {
  source = "./modules/redshift"

  cluster_identifier = "analytics"
}

resource "aws_docdb_cluster_parameter_group" "audit" {
  name   = "profiles-audit"
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "enabled"
  }
}

resource "aws_docdb_cluster_parameter_group" "audit_off" {
  name   = "profiles-audit-off"
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "disabled"
  }
}

# Exports the audit log, but its default parameter group produces none.
resource "aws_docdb_cluster" "default_group" {
  cluster_identifier              = "profiles-default-group"
  master_username                 = "profiles_admin"
  enabled_cloudwatch_logs_exports = ["audit"]
}

# Produces audit events but exports only the profiler log.
resource "aws_docdb_cluster" "profiler_only" {
  cluster_identifier              = "profiles-profiler"
  master_username                 = "profiles_admin"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit.name
  enabled_cloudwatch_logs_exports = ["profiler"]
}

resource "aws_docdb_cluster" "audit_off" {
  cluster_identifier              = "profiles-audit-off"
  master_username                 = "profiles_admin"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit_off.name
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_docdb_cluster" "audited" {
  cluster_identifier              = "profiles-audited"
  master_username                 = "profiles_admin"
  db_cluster_parameter_group_name = aws_docdb_cluster_parameter_group.audit.id
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}

resource "aws_neptune_cluster_parameter_group" "audit" {
  name   = "graph-audit"
  family = "neptune1.3"

  parameter {
    name  = "neptune_enable_audit_log"
    value = "1"
  }
}

resource "aws_neptune_cluster" "no_exports" {
  cluster_identifier                   = "graph-no-exports"
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.name
}

# Exports the audit log from the default group, which writes none.
resource "aws_neptune_cluster" "default_group" {
  cluster_identifier             = "graph-default-group"
  enable_cloudwatch_logs_exports = ["audit"]
}

resource "aws_neptune_cluster" "audited" {
  cluster_identifier                   = "graph-audited"
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.name
  enable_cloudwatch_logs_exports       = ["audit"]
}

resource "aws_opensearch_domain" "no_logs" {
  domain_name    = "support-no-logs"
  engine_version = "OpenSearch_2.11"
}

resource "aws_opensearch_domain" "audit_disabled" {
  domain_name    = "support-audit-off"
  engine_version = "OpenSearch_2.11"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/support/audit"
    enabled                  = false
  }
}

# The module's default publishes only slow logs.
module "opensearch" {
  source = "./modules/opensearch"

  domain_name = "fraud"
}
