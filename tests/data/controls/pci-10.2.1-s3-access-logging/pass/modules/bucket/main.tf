# The shape of terraform-aws-modules/s3-bucket: logging as a map input, written as its own
# resource only when the map is not empty.
variable "bucket" {
  type = string
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "logging" {
  type    = any
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = var.bucket
  tags   = var.tags
}

resource "aws_s3_bucket_logging" "this" {
  count = length(keys(var.logging)) > 0 ? 1 : 0

  bucket        = aws_s3_bucket.this.id
  target_bucket = var.logging["target_bucket"]
  target_prefix = try(var.logging["target_prefix"], null)
}
