resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

# Linked by the bucket's name, not by a reference.
resource "aws_s3_bucket_versioning" "plain" {
  bucket = "${local.prefix}-plain"
  versioning_configuration {
    status = "Enabled"
  }
}
