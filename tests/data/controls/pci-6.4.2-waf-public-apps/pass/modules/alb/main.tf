# Shaped like terraform-aws-modules/alb: the web ACL is associated only when asked for.
variable "name" {
  type = string
}

variable "associate_web_acl" {
  type    = bool
  default = false
}

variable "web_acl_arn" {
  type    = string
  default = null
}

resource "aws_lb" "this" {
  count              = 1
  name               = var.name
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
}

resource "aws_wafv2_web_acl_association" "this" {
  count        = var.associate_web_acl ? 1 : 0
  resource_arn = aws_lb.this[0].arn
  web_acl_arn  = var.web_acl_arn
}
