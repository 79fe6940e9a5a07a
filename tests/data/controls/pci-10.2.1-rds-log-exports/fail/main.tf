provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
  enabled_cloudwatch_logs_exports = []
}

# Exports, but not the PostgreSQL log that records connections and statements.
resource "aws_db_instance" "ledger_upgrade" {
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = ["upgrade"]
}

# The error log alone, without the audit log.
resource "aws_db_instance" "orders" {
  engine                          = "mysql"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = ["error"]
}

resource "aws_db_instance" "catalog" {
  engine                          = "mariadb"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = ["error", "general", "slowquery"]
}

resource "aws_db_instance" "billing" {
  engine                          = "oracle-ee"
  instance_class                  = "db.m5.large"
  enabled_cloudwatch_logs_exports = ["alert", "listener"]
}

resource "aws_db_instance" "crm" {
  engine                          = "sqlserver-se"
  instance_class                  = "db.m5.large"
  enabled_cloudwatch_logs_exports = ["agent"]
}

resource "aws_db_instance" "warehouse" {
  engine                          = "db2-se"
  instance_class                  = "db.m6i.large"
  enabled_cloudwatch_logs_exports = ["notify.log"]
}

# A replica that leaves engine to its source: which log it must export cannot be told.
resource "aws_db_instance" "ledger_replica" {
  instance_class                  = "db.t3.medium"
  replicate_source_db             = aws_db_instance.ledger.identifier
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# No engine: the provider took "aurora" (MySQL-compatible) before v5.
resource "aws_rds_cluster" "legacy" {
  cluster_identifier              = "ledger-legacy"
  enabled_cloudwatch_logs_exports = ["error"]
}

resource "aws_rds_cluster" "payments" {
  cluster_identifier              = "payments"
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["error", "slowquery"]
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier = "reporting"
  engine             = "aurora-postgresql"
}

# Aurora instances export through their cluster.
resource "aws_db_instance" "reporting_writer" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}

# terraform-aws-modules/rds style, left at its default.
variable "enabled_cloudwatch_logs_exports" {
  type    = list(string)
  default = []
}

resource "aws_db_instance" "this" {
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = var.enabled_cloudwatch_logs_exports
}
