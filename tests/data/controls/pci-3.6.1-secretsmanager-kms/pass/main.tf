provider "aws" {
  region = "eu-west-1"
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}

resource "aws_secretsmanager_secret" "db" {
  name = "ledger-db"
  kms_key_id = aws_kms_key.data.arn
}
