variable "bucket_count" {
  type = number
}

variable "sse" {
  type = string
}

resource "aws_s3_bucket" "many" {
  count  = var.bucket_count
  bucket = "many-${count.index}"
}

resource "aws_s3_bucket" "one" {
  bucket = "one"
}

resource "aws_s3_bucket_versioning" "one" {
  bucket = aws_s3_bucket.one.id
  versioning_configuration {
    status = var.sse
  }
}

resource "aws_db_instance" "ledger" {
  engine            = "postgres"
  storage_encrypted = uuid() == "x"
  kms_key_id        = aws_kms_key.db.arn
  # assaymark:skip=test-rds-encrypted
}

resource "aws_kms_key" "db" {
  description = "ledger key"
}
