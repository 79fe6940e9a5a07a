provider "aws" {
  region = "eu-central-1"
}

variable "analyzer_type" {
  description = "Module-style switch for the delegated administrator account."
  type        = string
  default     = "ORGANIZATION"
}

resource "aws_accessanalyzer_analyzer" "organization" {
  analyzer_name = "organization-external-access"
  type          = var.analyzer_type

  tags = {
    Owner = "security"
  }
}
