provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "statements" {
  bucket = "statements"
  tags   = { Owner = "Überweisungen in €" }
}
