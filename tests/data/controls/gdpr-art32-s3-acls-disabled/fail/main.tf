provider "aws" {
  region = "eu-west-1"
}

# ACLs still apply: the bucket owner only takes over objects written with
# bucket-owner-full-control.
resource "aws_s3_bucket" "cards" {
  bucket = "pay-cards"
  tags = {
    DataClassification = "cardholder"
  }
}

resource "aws_s3_bucket_ownership_controls" "cards" {
  bucket = aws_s3_bucket.cards.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "cards" {
  depends_on = [aws_s3_bucket_ownership_controls.cards]
  bucket     = aws_s3_bucket.cards.id
  acl        = "private"
}

# No ownership controls declared: nothing shows the bucket's ACLs are off.
resource "aws_s3_bucket" "customers" {
  bucket = "pay-customers"
  tags = {
    DataClassification = "personal"
  }
}

# AWS provider v3: an inline ACL, with the object writer owning what it writes.
resource "aws_s3_bucket" "exports" {
  bucket = "pay-exports"
  acl    = "private"
  tags = {
    DataClassification = "personal"
  }
}

resource "aws_s3_bucket_ownership_controls" "exports" {
  bucket = "pay-exports"
  rule {
    object_ownership = "ObjectWriter"
  }
}

# Holds no cardholder or personal data: not judged.
resource "aws_s3_bucket" "assets" {
  bucket = "pay-assets"
}
