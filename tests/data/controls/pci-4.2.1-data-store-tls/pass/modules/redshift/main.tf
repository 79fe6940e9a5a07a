# A cluster module in the style of terraform-aws-modules/redshift: the parameter group is
# created beside the cluster from a map of parameters and named by its id.
variable "create" {
  type    = bool
  default = true
}

variable "cluster_identifier" {
  type = string
}

variable "create_parameter_group" {
  type    = bool
  default = true
}

variable "parameter_group_parameters" {
  type    = map(any)
  default = {}
}

resource "aws_redshift_parameter_group" "this" {
  count = var.create && var.create_parameter_group ? 1 : 0

  name   = "${var.cluster_identifier}-params"
  family = "redshift-1.0"

  dynamic "parameter" {
    for_each = var.parameter_group_parameters
    content {
      name  = parameter.value.name
      value = parameter.value.value
    }
  }
}

resource "aws_redshift_cluster" "this" {
  count = var.create ? 1 : 0

  cluster_identifier           = var.cluster_identifier
  node_type                    = "ra3.xlplus"
  cluster_parameter_group_name = var.create_parameter_group ? aws_redshift_parameter_group.this[0].id : null
}
