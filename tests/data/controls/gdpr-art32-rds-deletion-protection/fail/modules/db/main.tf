# A module in the style of terraform-aws-modules/rds, whose input defaults to false.
variable "identifier" {
  type = string
}

variable "deletion_protection" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  identifier          = var.identifier
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  deletion_protection = var.deletion_protection
}
