provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_s3_bucket" "data" {
  count  = 2
  bucket = "statements-${count.index}"
  # assaymark:skip=test-s3-versioning the second copy is versioned by its owner, PAY-12
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data[0].id
  versioning_configuration {
    status = "Enabled"
  }
}
