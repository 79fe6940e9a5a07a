provider "aws" {
  region = "eu-west-1"
}

variable "iam_auth" {
  type    = bool
  default = true
}

resource "aws_db_instance" "ledger" {
  engine                              = "postgres"
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = true
}

resource "aws_db_instance" "from_variable" {
  engine                              = "mariadb"
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = var.iam_auth
}

resource "aws_db_instance" "tenant" {
  for_each                            = toset(["retail", "partner"])
  identifier                          = "ledger-${each.key}"
  engine                              = "postgres"
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = true
}

# SQL Server has no IAM database authentication: not judged.
resource "aws_db_instance" "reporting" {
  engine         = "sqlserver-se"
  instance_class = "db.m5.large"
  license_model  = "license-included"
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier                  = "ledger-aurora"
  engine                              = "aurora-postgresql"
  iam_database_authentication_enabled = true
}

# Aurora instances take the setting from their cluster: not judged.
resource "aws_rds_cluster_instance" "aurora" {
  count              = 2
  identifier         = "ledger-aurora-${count.index}"
  cluster_identifier = aws_rds_cluster.aurora.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.aurora.engine
}

module "ledger" {
  source                              = "./modules/db"
  identifier                          = "ledger"
  iam_database_authentication_enabled = true
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "fraud-graph"
  engine                              = "neptune"
  iam_database_authentication_enabled = true
}
