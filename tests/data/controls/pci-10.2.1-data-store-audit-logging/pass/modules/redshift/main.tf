# A cluster module in the style of terraform-aws-modules/redshift v6: logging is its own
# resource, created when the logging map is given.
variable "create" {
  type    = bool
  default = true
}

variable "cluster_identifier" {
  type = string
}

variable "logging" {
  type    = any
  default = null
}

resource "aws_redshift_cluster" "this" {
  count = var.create ? 1 : 0

  cluster_identifier = var.cluster_identifier
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_logging" "this" {
  count = var.create && var.logging != null ? 1 : 0

  cluster_identifier   = aws_redshift_cluster.this[0].id
  log_destination_type = try(var.logging.log_destination_type, null)
  bucket_name          = try(var.logging.bucket_name, null)
  log_exports          = try(var.logging.log_exports, null)
}
