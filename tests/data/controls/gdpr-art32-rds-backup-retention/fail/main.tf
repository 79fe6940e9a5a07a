provider "aws" {
  region = "eu-west-1"
}

variable "backup_retention_days" {
  type    = number
  default = 3
}

locals {
  # Per-tenant retention; "retail" keeps backups long enough, "sandbox" does not.
  tenant_retention = {
    retail  = 14
    sandbox = 1
  }
}

# Left implicit: the RDS API keeps automated backups for one day.
resource "aws_db_instance" "implicit" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "one_day" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = 1
}

# Zero switches automated backups off.
resource "aws_db_instance" "disabled" {
  engine                  = "mysql"
  instance_class          = "db.t3.medium"
  backup_retention_period = 0
}

resource "aws_db_instance" "from_variable" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = var.backup_retention_days
}

resource "aws_db_instance" "per_environment" {
  count                   = 2
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = count.index == 0 ? 7 : 6
}

resource "aws_db_instance" "tenant" {
  for_each                = local.tenant_retention
  identifier              = "ledger-${each.key}"
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = each.value
}

# A read replica: its source's backups cover it, so it is not judged.
resource "aws_db_instance" "replica" {
  instance_class      = "db.t3.medium"
  replicate_source_db = aws_db_instance.one_day.identifier
}

# aws_rds_cluster defaults to one day too.
resource "aws_rds_cluster" "implicit" {
  cluster_identifier = "ledger-aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "short" {
  cluster_identifier      = "ledger-aurora-short"
  engine                  = "aurora-mysql"
  backup_retention_period = 5
}

module "ledger" {
  source     = "./modules/db"
  identifier = "ledger"
}

# Left unset: one day, as for RDS.
resource "aws_docdb_cluster" "merchants" {
  cluster_identifier = "merchants"
  engine             = "docdb"
}

resource "aws_neptune_cluster" "fraud_graph" {
  cluster_identifier      = "fraud-graph"
  engine                  = "neptune"
  backup_retention_period = 3
}
