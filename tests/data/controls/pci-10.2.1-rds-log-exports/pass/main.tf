provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "orders" {
  engine                          = "mysql"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = ["audit", "error", "general", "slowquery"]
}

resource "aws_db_instance" "catalog" {
  engine                          = "mariadb"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = ["audit"]
}

resource "aws_db_instance" "billing" {
  engine                          = "oracle-se2"
  instance_class                  = "db.m5.large"
  enabled_cloudwatch_logs_exports = ["audit", "alert", "listener", "trace"]
}

resource "aws_db_instance" "crm" {
  engine                          = "sqlserver-ex"
  instance_class                  = "db.m5.large"
  enabled_cloudwatch_logs_exports = ["error", "agent"]
}

resource "aws_db_instance" "warehouse" {
  engine                          = "db2-ae"
  instance_class                  = "db.m6i.large"
  enabled_cloudwatch_logs_exports = ["diag.log", "notify.log"]
}

# A replica that states its engine.
resource "aws_db_instance" "ledger_replica" {
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  replicate_source_db             = aws_db_instance.ledger.identifier
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# No engine: "aurora" (MySQL-compatible) before AWS provider v5.
resource "aws_rds_cluster" "legacy" {
  cluster_identifier              = "ledger-legacy"
  enabled_cloudwatch_logs_exports = ["audit", "error"]
}

resource "aws_rds_cluster" "payments" {
  cluster_identifier              = "payments"
  engine                          = "aurora-mysql"
  enabled_cloudwatch_logs_exports = ["audit", "error"]
}

resource "aws_rds_cluster" "reporting" {
  cluster_identifier              = "reporting"
  engine                          = "aurora-postgresql"
  enabled_cloudwatch_logs_exports = ["postgresql"]
}

resource "aws_db_instance" "reporting_writer" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}

variable "enabled_cloudwatch_logs_exports" {
  type    = list(string)
  default = ["postgresql", "upgrade"]
}

resource "aws_db_instance" "this" {
  engine                          = "postgres"
  instance_class                  = "db.t3.medium"
  enabled_cloudwatch_logs_exports = var.enabled_cloudwatch_logs_exports
}
