provider "aws" {
  region = "eu-west-1"
}

variable "log_retention_days" {
  default = 30
}

resource "aws_cloudwatch_log_group" "audit" {
  name = "/payments/audit"
  retention_in_days = var.log_retention_days
}
