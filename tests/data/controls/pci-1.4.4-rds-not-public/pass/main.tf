provider "aws" {
  region = "eu-west-1"
}

resource "aws_db_instance" "ledger" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
  publicly_accessible = false
}
resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier = "ledger"
  instance_class     = "db.r6g.large"
}
