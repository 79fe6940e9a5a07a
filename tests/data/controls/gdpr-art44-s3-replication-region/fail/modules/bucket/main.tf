variable "bucket" {
  type = string
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
}

output "s3_bucket_arn" {
  value = aws_s3_bucket.this.arn
}
