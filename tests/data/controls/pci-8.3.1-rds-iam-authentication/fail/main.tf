provider "aws" {
  region = "eu-west-1"
}

variable "iam_auth" {
  type    = bool
  default = false
}

resource "aws_db_instance" "ledger" {
  engine                              = "postgres"
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = false
}

# Left implicit: the provider leaves IAM authentication off.
resource "aws_db_instance" "implicit" {
  engine         = "mysql"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "from_variable" {
  engine                              = "mariadb"
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = var.iam_auth
}

resource "aws_db_instance" "tenant" {
  for_each                            = { retail = true, partner = false }
  identifier                          = "ledger-${each.key}"
  engine                              = "postgres"
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = each.value
}

# SQL Server has no IAM database authentication: not judged.
resource "aws_db_instance" "reporting" {
  engine         = "sqlserver-se"
  instance_class = "db.m5.large"
  license_model  = "license-included"
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "ledger-aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "aurora_mysql" {
  cluster_identifier                  = "ledger-aurora-mysql"
  engine                              = "aurora-mysql"
  iam_database_authentication_enabled = false
}

module "ledger" {
  source     = "./modules/db"
  identifier = "ledger"
}

# Left unset: Neptune leaves IAM authentication off.
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "fraud-graph"
  engine             = "neptune"
}
