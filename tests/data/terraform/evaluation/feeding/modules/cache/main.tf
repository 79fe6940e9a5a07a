variable "name" {
  type = string
}

variable "allowed_groups" {
  type = list(string)
}

variable "at_rest_encryption" {
  type = bool
}

variable "policy" {
  type    = string
  default = null
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "cache for ${var.name}"
  security_group_ids         = var.allowed_groups
  at_rest_encryption_enabled = var.at_rest_encryption
  transit_encryption_enabled = true
}

resource "aws_s3_bucket_policy" "this" {
  count  = var.policy == null ? 0 : 1
  bucket = "${var.name}-cache-exports"
  policy = var.policy
}

output "url" {
  value = "rediss://${var.name}.cache.internal:6379"
}

output "arn" {
  value = aws_elasticache_replication_group.this.arn
}
