provider "aws" {
  region = "eu-west-1"
}

variable "expose_reporting_db" {
  type    = bool
  default = false
}

locals {
  tenants = {
    retail  = false
    partner = false
  }
}

resource "aws_db_instance" "ledger" {
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = false
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
  publicly_accessible = false
}

resource "aws_db_instance" "tenant" {
  for_each            = local.tenants
  identifier          = "ledger-${each.key}"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = each.value
}

resource "aws_rds_cluster_instance" "reader" {
  cluster_identifier = "ledger"
  instance_class     = "db.r6g.large"
}

# The module's null default leaves the provider's own: not publicly accessible.
module "aurora" {
  source = "./modules/aurora"
  name   = "payments"
  instances = {
    writer = {}
    reader = { publicly_accessible = false }
  }
}
