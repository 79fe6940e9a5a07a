# A domain module in the style of terraform-aws-modules/opensearch: fine-grained access control
# comes in as a map variable, on by default, and is written as a dynamic block.
variable "domain_name" {
  type = string
}

variable "advanced_security_options" {
  type = any
  default = {
    enabled                = true
    anonymous_auth_enabled = false
  }
}

resource "aws_opensearch_domain" "this" {
  domain_name    = var.domain_name
  engine_version = "OpenSearch_2.11"

  dynamic "advanced_security_options" {
    for_each = length(var.advanced_security_options) > 0 ? [var.advanced_security_options] : []
    content {
      enabled                        = try(advanced_security_options.value.enabled, false)
      anonymous_auth_enabled         = try(advanced_security_options.value.anonymous_auth_enabled, false)
      internal_user_database_enabled = try(advanced_security_options.value.internal_user_database_enabled, false)

      master_user_options {
        master_user_arn = try(advanced_security_options.value.master_user_arn, null)
      }
    }
  }
}
