# A domain module in the style of terraform-aws-modules/opensearch: each block comes in as a
# map variable with defaults and is written as a dynamic block.
variable "create" {
  type    = bool
  default = true
}

variable "domain_name" {
  type = string
}

variable "encrypt_at_rest" {
  type    = any
  default = { enabled = true }
}

variable "node_to_node_encryption" {
  type    = any
  default = { enabled = true }
}

variable "domain_endpoint_options" {
  type = any
  default = {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}

variable "vpc_options" {
  type    = any
  default = {}
}

variable "log_publishing_options" {
  type = any
  default = [
    { log_type = "INDEX_SLOW_LOGS" },
    { log_type = "SEARCH_SLOW_LOGS" },
  ]
}

resource "aws_opensearch_domain" "this" {
  count = var.create ? 1 : 0

  domain_name    = var.domain_name
  engine_version = "OpenSearch_2.11"

  dynamic "encrypt_at_rest" {
    for_each = length(var.encrypt_at_rest) > 0 ? [var.encrypt_at_rest] : []
    content {
      enabled    = try(encrypt_at_rest.value.enabled, true)
      kms_key_id = try(encrypt_at_rest.value.kms_key_id, null)
    }
  }

  dynamic "node_to_node_encryption" {
    for_each = length(var.node_to_node_encryption) > 0 ? [var.node_to_node_encryption] : []
    content {
      enabled = try(node_to_node_encryption.value.enabled, true)
    }
  }

  dynamic "domain_endpoint_options" {
    for_each = length(var.domain_endpoint_options) > 0 ? [var.domain_endpoint_options] : []
    content {
      enforce_https       = try(domain_endpoint_options.value.enforce_https, true)
      tls_security_policy = try(domain_endpoint_options.value.tls_security_policy, null)
    }
  }

  dynamic "vpc_options" {
    for_each = length(var.vpc_options) > 0 ? [var.vpc_options] : []
    content {
      subnet_ids         = try(vpc_options.value.subnet_ids, null)
      security_group_ids = try(vpc_options.value.security_group_ids, null)
    }
  }

  dynamic "log_publishing_options" {
    for_each = { for option in var.log_publishing_options : option.log_type => option }
    content {
      log_type                 = log_publishing_options.value.log_type
      cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/opensearch/${var.domain_name}/${log_publishing_options.value.log_type}"
      enabled                  = try(log_publishing_options.value.enabled, true)
    }
  }
}
