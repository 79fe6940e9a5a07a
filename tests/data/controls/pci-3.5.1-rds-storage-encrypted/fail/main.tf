provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
  storage_encrypted = false
}
resource "aws_rds_cluster" "ledger" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
}

# No engine: the provider took "aurora" before v5, and storage_encrypted defaults to false.
resource "aws_rds_cluster" "legacy" {
  cluster_identifier = "ledger-legacy"
  master_username    = "ledger_admin"
}

# Serverless v1 with encryption written off explicitly.
resource "aws_rds_cluster" "serverless_off" {
  cluster_identifier = "reports"
  engine             = "aurora-mysql"
  engine_mode        = "serverless"
  storage_encrypted  = false
}

# A read replica leaves engine to its source; nothing here shows its storage encrypted.
resource "aws_db_instance" "ledger_replica" {
  instance_class      = "db.t3.medium"
  replicate_source_db = aws_db_instance.ledger.identifier
}
