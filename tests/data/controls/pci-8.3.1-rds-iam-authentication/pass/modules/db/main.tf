# A module in the style of terraform-aws-modules/rds, whose input defaults to false.
variable "identifier" {
  type = string
}

variable "engine" {
  type    = string
  default = "postgres"
}

variable "iam_database_authentication_enabled" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  identifier                          = var.identifier
  engine                              = var.engine
  instance_class                      = "db.t3.medium"
  iam_database_authentication_enabled = var.iam_database_authentication_enabled
}
