provider "aws" {
  region = "eu-west-1"
}

provider "aws" {
  alias  = "tagged"
  region = "eu-west-1"
  default_tags {
    tags = { Team = "payments", DataClassification = "internal" }
  }
}

variable "default_tags" {
  type    = map(string)
  default = { Team = "payments" }
}

variable "deploy" {
  type      = string
  sensitive = true
}

provider "aws" {
  alias  = "inherited"
  region = "eu-west-1"
  default_tags {
    tags = var.default_tags
  }
}

resource "aws_s3_bucket" "statements" {
  bucket = "statements"
  tags   = { DataClassification = "cardholder", Deploy = var.deploy }
}

resource "aws_s3_bucket" "exports" {
  provider = aws.tagged
  bucket   = "exports"
  tags     = { DataClassification = "personal" }
}

resource "aws_s3_bucket" "archive" {
  provider = aws.inherited
  bucket   = "archive"
  tags     = { DataClassification = "cardholder" }
}
