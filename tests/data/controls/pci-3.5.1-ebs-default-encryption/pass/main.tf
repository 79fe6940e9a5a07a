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
  default = true
}

resource "aws_kms_key" "ebs" {
  description         = "ebs"
  enable_key_rotation = true
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = aws_kms_key.ebs.arn
}

resource "aws_ebs_encryption_by_default" "frankfurt" {
  count    = 1
  provider = aws.frankfurt
  enabled  = var.ebs_encryption_by_default
}

# Left implicit: the resource switches encryption by default on.
resource "aws_ebs_encryption_by_default" "stockholm" {
  provider = aws.stockholm
}
