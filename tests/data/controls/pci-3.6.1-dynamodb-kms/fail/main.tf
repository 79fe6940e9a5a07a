provider "aws" {
  region = "eu-west-1"
}

resource "aws_dynamodb_table" "idempotency" {
  name     = "idempotency"
  hash_key = "key"
  attribute {
    name = "key"
    type = "S"
  }
}
