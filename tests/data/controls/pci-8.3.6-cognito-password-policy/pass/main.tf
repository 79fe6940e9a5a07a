provider "aws" {
  region = "eu-west-1"
}

resource "aws_cognito_user_pool" "merchants" {
  name = "merchant-portal"

  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]

  password_policy {
    minimum_length                   = 12
    require_lowercase                = true
    require_numbers                  = true
    require_symbols                  = true
    require_uppercase                = true
    temporary_password_validity_days = 3
  }

  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}

# Uppercase letters suffice for the letters half of the rule.
resource "aws_cognito_user_pool" "back_office" {
  name = "back-office"

  password_policy {
    minimum_length    = 16
    require_numbers   = true
    require_uppercase = true
  }
}

module "partners" {
  source = "./modules/user-pool"

  user_pool_name                 = "partner-portal"
  password_policy_minimum_length = 14
}
