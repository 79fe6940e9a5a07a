provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
  storage_encrypted = true
}
resource "aws_rds_cluster" "ledger" {
  engine            = "aurora-postgresql"
  storage_encrypted = true
}

# Aurora Serverless v1 is always encrypted.
resource "aws_rds_cluster" "reports" {
  cluster_identifier = "reports"
  engine             = "aurora-postgresql"
  engine_mode        = "serverless"

  scaling_configuration {
    min_capacity = 2
    max_capacity = 8
  }
}

# No engine (aurora before provider v5), encrypted.
resource "aws_rds_cluster" "legacy" {
  cluster_identifier = "ledger-legacy"
  master_username    = "ledger_admin"
  storage_encrypted  = true
}

resource "aws_db_instance" "ledger_replica" {
  instance_class      = "db.t3.medium"
  replicate_source_db = aws_db_instance.ledger.identifier
  storage_encrypted   = true
}

# Aurora instances are judged through their cluster.
resource "aws_db_instance" "reports_writer" {
  engine         = "aurora-postgresql"
  instance_class = "db.r6g.large"
}
