provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

variable "macie_status" {
  description = "Module-style switch, left at a default that pauses Macie."
  type        = string
  default     = "PAUSED"
}

resource "aws_macie2_account" "main" {
  finding_publishing_frequency = "FIFTEEN_MINUTES"
  status                       = "PAUSED"
}

resource "aws_macie2_account" "frankfurt" {
  provider = aws.frankfurt
  status   = var.macie_status
}
