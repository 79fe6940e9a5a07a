variable "name" {
  type = string
}

variable "cache_url" {
  type = string
}

resource "aws_security_group" "this" {
  name = "${var.name}-service"
}

resource "aws_ssm_parameter" "cache_url" {
  name  = "/${var.name}/cache-url"
  type  = "String"
  value = var.cache_url
}

output "security_group_id" {
  value = aws_security_group.this.id
}

output "url" {
  value = "https://${var.name}.service.internal"
}
