variable "name" {
  type = string
}

variable "classification" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags = {
    DataClassification = var.classification
  }
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

output "bucket_name" {
  value = var.name
}
