provider "aws" {
  region = "eu-west-1"
}

variable "auto_minor_version_upgrade" {
  description = "Module-style input (terraform-aws-modules/rds)."
  type        = bool
  default     = true
}

# Left unset: the provider's default is true.
resource "aws_db_instance" "payments" {
  identifier                  = "payments"
  engine                      = "postgres"
  engine_version              = "16.4"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "payments_admin"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_db_instance" "reporting" {
  identifier                  = "reporting"
  engine                      = "mysql"
  engine_version              = "8.0.39"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "reporting_admin"
  manage_master_user_password = true
  auto_minor_version_upgrade  = var.auto_minor_version_upgrade
}

resource "aws_rds_cluster" "ledger" {
  cluster_identifier          = "ledger"
  engine                      = "aurora-postgresql"
  engine_version              = "16.4"
  master_username             = "ledger_admin"
  manage_master_user_password = true
  storage_encrypted           = true
}

resource "aws_rds_cluster_instance" "ledger" {
  count              = 2
  identifier         = "ledger-${count.index}"
  cluster_identifier = aws_rds_cluster.ledger.id
  engine             = aws_rds_cluster.ledger.engine
  instance_class     = "db.r6g.large"
}

resource "aws_rds_cluster" "settlement" {
  cluster_identifier          = "settlement"
  engine                      = "postgres"
  engine_version              = "16.4"
  db_cluster_instance_class   = "db.m6gd.large"
  storage_type                = "io1"
  allocated_storage           = 100
  iops                        = 1000
  master_username             = "settlement_admin"
  manage_master_user_password = true
  auto_minor_version_upgrade  = true
}
