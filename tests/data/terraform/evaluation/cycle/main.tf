# A genuine cycle: Terraform itself refuses it, and so does assaymark, naming its values.
locals {
  prefix = "${local.bucket_name}-"
  bucket_name = "${local.prefix}data"
}

resource "aws_s3_bucket" "data" {
  bucket = local.bucket_name
}

resource "aws_s3_bucket" "logs" {
  bucket = "payments-logs"
}
