provider "aws" {
  region = "eu-west-1"
}

variable "block_public_access" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "data" {
  bucket = "pay-data"
  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket_public_access_block" "data" {
  bucket                  = aws_s3_bucket.data.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
}

resource "aws_s3_bucket_public_access_block" "exports" {
  bucket                  = aws_s3_bucket.exports.bucket
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "reports" {
  bucket = "pay-reports"
}

resource "aws_s3_bucket_public_access_block" "reports" {
  bucket                  = "pay-reports"
  block_public_acls       = var.block_public_access
  block_public_policy     = var.block_public_access
  ignore_public_acls      = var.block_public_access
  restrict_public_buckets = var.block_public_access
}

resource "aws_s3_access_point" "partner_exports" {
  bucket = aws_s3_bucket.exports.id
  name   = "partner-exports"

  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}

# Reachable from one VPC only, with the default block.
resource "aws_s3_access_point" "reports" {
  bucket = aws_s3_bucket.reports.id
  name   = "reports"

  vpc_configuration {
    vpc_id = "vpc-0a1b2c3d4e5f60718"
  }
}
