provider "aws" {
  region = "eu-central-1"
}

variable "enable_default_standards" {
  description = "Module-style switch, left at a default that subscribes to nothing."
  type        = bool
  default     = false
}

# Enabled with no standard at all.
resource "aws_securityhub_account" "member" {
  enable_default_standards = var.enable_default_standards
}
