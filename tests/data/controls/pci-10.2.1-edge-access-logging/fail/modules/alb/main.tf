# Shaped like terraform-aws-modules/alb: access logs only when the map is passed.
variable "name" {
  type = string
}

variable "subnets" {
  type    = list(string)
  default = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

variable "access_logs" {
  type    = map(string)
  default = {}
}

resource "aws_lb" "this" {
  count              = 1
  name               = var.name
  load_balancer_type = "application"
  subnets            = var.subnets

  dynamic "access_logs" {
    for_each = length(var.access_logs) > 0 ? [var.access_logs] : []
    content {
      bucket  = access_logs.value.bucket
      enabled = try(access_logs.value.enabled, true)
      prefix  = try(access_logs.value.prefix, null)
    }
  }
}
