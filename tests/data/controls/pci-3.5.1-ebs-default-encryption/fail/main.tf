provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "frankfurt"
  region = "eu-central-1"
}

provider "aws" {
  alias  = "stockholm"
  region = "eu-north-1"
}

variable "ebs_encryption_by_default" {
  type    = bool
  default = false
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = false
}

# The setting is per region: one resource per regional provider, from a variable's default.
resource "aws_ebs_encryption_by_default" "frankfurt" {
  provider = aws.frankfurt
  enabled  = var.ebs_encryption_by_default
}

# Left implicit: the resource switches encryption by default on.
resource "aws_ebs_encryption_by_default" "stockholm" {
  provider = aws.stockholm
}
