# The shape of terraform-aws-modules/rds-aurora: instances from a map, each one's setting
# falling back to the module-wide variable.
variable "name" {
  type = string
}

variable "instances" {
  type    = map(any)
  default = {}
}

variable "publicly_accessible" {
  type    = bool
  default = null
}

resource "aws_rds_cluster" "this" {
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster_instance" "this" {
  for_each = var.instances

  identifier          = "${var.name}-${each.key}"
  cluster_identifier  = aws_rds_cluster.this.id
  engine              = aws_rds_cluster.this.engine
  instance_class      = try(each.value.instance_class, "db.r6g.large")
  publicly_accessible = try(each.value.publicly_accessible, var.publicly_accessible)
}
