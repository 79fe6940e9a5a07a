provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "cards" {
  bucket = "pay-cards"
  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket_ownership_controls" "cards" {
  bucket = aws_s3_bucket.cards.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# The ownership controls name the bucket by its literal name.
resource "aws_s3_bucket" "customers" {
  bucket = "pay-customers"
  tags = {
    DataClassification = "personal"
  }
}

resource "aws_s3_bucket_ownership_controls" "customers" {
  bucket = "pay-customers"
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
  tags = {
    DataClassification = "personal"
  }
}

resource "aws_s3_bucket_ownership_controls" "exports" {
  bucket = aws_s3_bucket.exports.bucket
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Holds no cardholder or personal data: not judged.
resource "aws_s3_bucket" "assets" {
  bucket = "pay-assets"
}
