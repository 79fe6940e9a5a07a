# A registry module in the style of terraform-aws-modules/ecr: a repository, and optionally the
# registry-wide scanning configuration, each behind a count.
variable "create_repository" {
  type    = bool
  default = true
}

variable "repository_name" {
  type    = string
  default = ""
}

variable "repository_image_tag_mutability" {
  type    = string
  default = "IMMUTABLE"
}

variable "repository_image_scan_on_push" {
  type    = bool
  default = true
}

variable "manage_registry_scanning_configuration" {
  type    = bool
  default = false
}

variable "registry_scan_type" {
  type    = string
  default = "ENHANCED"
}

variable "registry_scan_rules" {
  type    = any
  default = []
}

resource "aws_ecr_repository" "this" {
  count = var.create_repository ? 1 : 0

  name                 = var.repository_name
  image_tag_mutability = var.repository_image_tag_mutability

  image_scanning_configuration {
    scan_on_push = var.repository_image_scan_on_push
  }
}

resource "aws_ecr_registry_scanning_configuration" "this" {
  count = var.manage_registry_scanning_configuration ? 1 : 0

  scan_type = var.registry_scan_type

  dynamic "rule" {
    for_each = var.registry_scan_rules
    content {
      scan_frequency = rule.value.scan_frequency
      repository_filter {
        filter      = rule.value.filter
        filter_type = try(rule.value.filter_type, "WILDCARD")
      }
    }
  }
}
