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

# A customer-managed key from another stack, by its literal ARN.
resource "aws_dynamodb_table" "sessions" {
  name     = "sessions"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}
