provider "aws" {
  region = "eu-west-1"
}

variable "backup_retention_days" {
  type    = number
  default = 7
}

locals {
  tenant_retention = {
    retail  = 14
    sandbox = 7
  }
}

resource "aws_db_instance" "literal" {
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = 14
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
  backup_retention_period = count.index == 0 ? 7 : 35
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
  replicate_source_db = aws_db_instance.literal.identifier
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier      = "ledger-aurora"
  engine                  = "aurora-postgresql"
  backup_retention_period = 35
}

module "ledger" {
  source                  = "./modules/db"
  identifier              = "ledger"
  backup_retention_period = 30
}

resource "aws_docdb_cluster" "merchants" {
  cluster_identifier      = "merchants"
  engine                  = "docdb"
  backup_retention_period = 14
}

resource "aws_neptune_cluster" "fraud_graph" {
  cluster_identifier      = "fraud-graph"
  engine                  = "neptune"
  backup_retention_period = 7
}
