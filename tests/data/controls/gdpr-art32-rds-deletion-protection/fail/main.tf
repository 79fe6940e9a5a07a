provider "aws" {
  region = "eu-west-1"
}

variable "environment" {
  type    = string
  default = "staging"
}

locals {
  protect = var.environment == "production"
  tenants = {
    retail  = true
    sandbox = false
  }
}

# Left implicit: the provider creates the instance without deletion protection.
resource "aws_db_instance" "implicit" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "off" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = false
}

# Protection only in production, and this configuration defaults to staging.
resource "aws_db_instance" "from_local" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = local.protect
}

resource "aws_db_instance" "per_environment" {
  count               = 2
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = count.index == 0
}

resource "aws_db_instance" "tenant" {
  for_each            = local.tenants
  identifier          = "ledger-${each.key}"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = each.value
}

# aws_rds_cluster defaults to no deletion protection too.
resource "aws_rds_cluster" "implicit" {
  cluster_identifier = "ledger-aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "off" {
  cluster_identifier  = "ledger-aurora-off"
  engine              = "aurora-mysql"
  deletion_protection = false
}

module "ledger" {
  source     = "./modules/db"
  identifier = "ledger"
}
