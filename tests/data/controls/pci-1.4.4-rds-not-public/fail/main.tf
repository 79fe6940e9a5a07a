provider "aws" {
  region = "eu-west-1"
}

variable "expose_reporting_db" {
  type    = bool
  default = true
}

locals {
  tenants = {
    retail  = false
    partner = true
  }
}

resource "aws_db_instance" "ledger" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = true
}

resource "aws_db_instance" "reporting" {
  engine              = "mysql"
  instance_class      = "db.t3.medium"
  publicly_accessible = var.expose_reporting_db
}

# Left implicit: the provider creates instances that are not publicly accessible.
resource "aws_db_instance" "implicit" {
  engine         = "postgres"
  instance_class = "db.t3.medium"
}

resource "aws_db_instance" "per_environment" {
  count               = 2
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = count.index == 1
}

resource "aws_db_instance" "tenant" {
  for_each            = local.tenants
  identifier          = "ledger-${each.key}"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = each.value
}

# Aurora: the setting is on each cluster instance.
resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier  = "ledger"
  instance_class      = "db.r6g.large"
  publicly_accessible = true
}

module "aurora" {
  source              = "./modules/aurora"
  name                = "payments"
  publicly_accessible = true
  instances = {
    writer = {}
    reader = { publicly_accessible = false }
  }
}
