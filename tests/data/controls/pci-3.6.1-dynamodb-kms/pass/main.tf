provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "idempotency" {
  name     = "idempotency"
  hash_key = "key"
  attribute {
    name = "key"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }
}
