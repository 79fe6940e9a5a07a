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
  restrict_public_buckets = false
}

# No public access block at all.
resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
}

# Settings from a module-style variable, the block naming the bucket by its literal name.
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

# An access point for partners, with its own block relaxed for a public access point policy.
resource "aws_s3_access_point" "partner_exports" {
  bucket = aws_s3_bucket.exports.id
  name   = "partner-exports"

  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = false
    ignore_public_acls      = true
    restrict_public_buckets = false
  }
}

# The defaults: all four settings on.
resource "aws_s3_access_point" "reports" {
  bucket = aws_s3_bucket.reports.id
  name   = "reports"
}
