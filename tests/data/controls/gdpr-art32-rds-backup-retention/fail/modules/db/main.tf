# A module in the style of terraform-aws-modules/rds: the retention is an input whose
# default, null, leaves the RDS API's own default of one day.
variable "identifier" {
  type = string
}

variable "backup_retention_period" {
  type    = number
  default = null
}

resource "aws_db_instance" "this" {
  identifier              = var.identifier
  engine                  = "postgres"
  instance_class          = "db.t3.medium"
  backup_retention_period = var.backup_retention_period
}
