provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags = {
    DataClassification = "cardholder"
  }
}
resource "aws_s3_bucket" "logs" {
  bucket = "pay-logs"
  tags = {
    DataClassification = "internal"
  }
}
