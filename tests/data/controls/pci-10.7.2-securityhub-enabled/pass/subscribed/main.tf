provider "aws" {
  region = "eu-central-1"
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

resource "aws_securityhub_account" "cde" {
  enable_default_standards = false
}

resource "aws_securityhub_standards_subscription" "pci_dss" {
  standards_arn = "arn:${data.aws_partition.current.partition}:securityhub:${data.aws_region.current.name}::standards/pci-dss/v/3.2.1"
  depends_on    = [aws_securityhub_account.cde]
}

resource "aws_securityhub_standards_subscription" "tagging" {
  standards_arn = "arn:aws:securityhub:eu-central-1::standards/aws-resource-tagging-standard/v/1.0.0"
  depends_on    = [aws_securityhub_account.cde]
}
