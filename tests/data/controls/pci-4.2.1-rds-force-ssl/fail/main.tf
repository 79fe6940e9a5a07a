provider "aws" {
  region = "eu-west-1"
}

variable "cluster_parameters" {
  description = "Module-style input (terraform-aws-modules/rds-aurora): cluster parameters."
  type        = list(map(string))
  default = [
    { name = "log_connections", value = "1" },
    { name = "log_min_duration_statement", value = "500" },
  ]
}

# Logging settings only: PostgreSQL 14 accepts clear text by default.
resource "aws_db_parameter_group" "ledger" {
  name   = "ledger-pg14"
  family = "postgres14"

  parameter {
    name  = "log_connections"
    value = "1"
  }
}

# PostgreSQL 16 forces TLS by default, but this group turns it off.
resource "aws_db_parameter_group" "reporting" {
  name_prefix = "reporting-"
  family      = "postgres16"

  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

resource "aws_db_instance" "ledger" {
  identifier           = "ledger"
  engine               = "postgres"
  engine_version       = "14.10"
  instance_class       = "db.t3.medium"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.ledger.name
}

resource "aws_db_instance" "reporting" {
  identifier           = "reporting"
  engine               = "postgres"
  engine_version       = "16.3"
  instance_class       = "db.t3.medium"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.reporting.id
}

# The default parameter group of PostgreSQL 13: no parameter_group_name.
resource "aws_db_instance" "archive" {
  identifier        = "archive"
  engine            = "postgres"
  engine_version    = "13.14"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

resource "aws_db_instance" "settlement_mssql" {
  identifier        = "settlement"
  engine            = "sqlserver-se"
  engine_version    = "15.00.4355.3.v1"
  license_model     = "license-included"
  instance_class    = "db.m5.large"
  allocated_storage = 100
}

# Aurora PostgreSQL on its default cluster parameter group.
resource "aws_rds_cluster" "payments" {
  cluster_identifier = "payments"
  engine             = "aurora-postgresql"
  engine_version     = "15.4"
  master_username    = "payments_admin"
}

# The module's dynamic parameter blocks, from a default list without rds.force_ssl.
resource "aws_rds_cluster_parameter_group" "analytics" {
  name   = "analytics"
  family = "aurora-postgresql15"

  dynamic "parameter" {
    for_each = var.cluster_parameters
    content {
      name         = parameter.value.name
      value        = parameter.value.value
      apply_method = lookup(parameter.value, "apply_method", null)
    }
  }
}

resource "aws_rds_cluster" "analytics" {
  cluster_identifier              = "analytics"
  engine                          = "aurora-postgresql"
  engine_version                  = "15.4"
  master_username                 = "analytics_admin"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.analytics.name
}

# A compliant neighbour: PostgreSQL 16 on the default group forces TLS.
resource "aws_db_instance" "statements" {
  identifier        = "statements"
  engine            = "postgres"
  engine_version    = "16.3"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}

# MySQL is not what this control judges.
resource "aws_db_instance" "wordpress" {
  identifier        = "wordpress"
  engine            = "mysql"
  engine_version    = "8.0.36"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
