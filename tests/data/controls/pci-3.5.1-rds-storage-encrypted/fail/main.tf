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
