provider "aws" {
  region = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "production"
}

locals {
  protect = var.environment == "production"
  tenants = {
    retail  = true
    sandbox = true
  }
}

resource "aws_db_instance" "literal" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = true
}

resource "aws_db_instance" "from_local" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = local.protect
}

resource "aws_db_instance" "per_environment" {
  count               = 2
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = true
}

resource "aws_db_instance" "tenant" {
  for_each            = local.tenants
  identifier          = "ledger-${each.key}"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = each.value
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier  = "ledger-aurora"
  engine              = "aurora-postgresql"
  deletion_protection = true
}

module "ledger" {
  source              = "./modules/db"
  identifier          = "ledger"
  deletion_protection = true
}
