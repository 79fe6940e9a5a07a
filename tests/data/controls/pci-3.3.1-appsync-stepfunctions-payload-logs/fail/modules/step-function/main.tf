# Shaped like a shared step-functions module: execution logging only when a level is passed.
variable "name" {
  type = string
}

variable "definition" {
  type = string
}

variable "role_arn" {
  type    = string
  default = "arn:aws:iam::123456789012:role/sfn-execution"
}

variable "type" {
  type    = string
  default = "STANDARD"
}

variable "logging" {
  type    = any
  default = {}
}

resource "aws_sfn_state_machine" "this" {
  count      = 1
  name       = var.name
  role_arn   = var.role_arn
  definition = var.definition
  type       = var.type

  dynamic "logging_configuration" {
    for_each = length(var.logging) > 0 ? [var.logging] : []
    content {
      log_destination        = logging_configuration.value.log_destination
      level                  = logging_configuration.value.level
      include_execution_data = try(logging_configuration.value.include_execution_data, false)
    }
  }
}
