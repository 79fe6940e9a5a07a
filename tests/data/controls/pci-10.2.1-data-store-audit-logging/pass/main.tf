provider "aws" {
  region = "eu-west-1"
}

resource "aws_redshift_cluster" "logging_block" {
  cluster_identifier = "warehouse-logging-block"
  node_type          = "ra3.xlplus"

  logging {
    enable               = true
    log_destination_type = "cloudwatch"
    log_exports          = ["connectionlog", "userlog", "useractivitylog"]
  }
}

resource "aws_redshift_cluster" "logged" {
  cluster_identifier = "warehouse-logged"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_logging" "logged" {
  cluster_identifier   = aws_redshift_cluster.logged.id
  log_destination_type = "s3"
  bucket_name          = "warehouse-audit-logs"
}

module "redshift" {
  source = "./modules/redshift"

  cluster_identifier = "analytics"
  logging = {
    log_destination_type = "cloudwatch"
    log_exports          = ["connectionlog", "userlog"]
  }
}

resource "aws_docdb_cluster_parameter_group" "audit" {
  name   = "profiles-audit"
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "all"
  }
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
    value = 1
  }
}

resource "aws_neptune_cluster" "audited" {
  cluster_identifier                   = "graph-audited"
  neptune_cluster_parameter_group_name = aws_neptune_cluster_parameter_group.audit.id
  enable_cloudwatch_logs_exports       = ["audit", "slowquery"]
}

resource "aws_opensearch_domain" "audited" {
  domain_name    = "support-audited"
  engine_version = "OpenSearch_2.11"

  log_publishing_options {
    log_type                 = "INDEX_SLOW_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/support/index"
  }

  # enabled defaults to true.
  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/support/audit"
  }
}

resource "aws_elasticsearch_domain" "audited" {
  domain_name           = "legacy-audited"
  elasticsearch_version = "7.10"

  log_publishing_options {
    log_type                 = "AUDIT_LOGS"
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/es/legacy/audit"
    enabled                  = true
  }
}

module "opensearch" {
  source = "./modules/opensearch"

  domain_name = "fraud"
  log_publishing_options = [
    { log_type = "SEARCH_SLOW_LOGS" },
    { log_type = "AUDIT_LOGS" },
  ]
}
