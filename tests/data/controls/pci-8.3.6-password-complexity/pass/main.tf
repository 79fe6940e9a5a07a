provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
  require_numbers = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols = true
  password_reuse_prevention = 4
  max_password_age = 90
}
