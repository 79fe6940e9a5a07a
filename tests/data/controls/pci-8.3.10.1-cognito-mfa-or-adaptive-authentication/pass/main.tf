provider "aws" {
  region = "eu-west-1"
}

resource "aws_cognito_user_pool" "merchants" {
  name              = "merchant-portal"
  mfa_configuration = "ON"

  software_token_mfa_configuration {
    enabled = true
  }
}

# Optional MFA, with every sign-in scored for risk and blocked or challenged as it happens.
resource "aws_cognito_user_pool" "partners" {
  name              = "partner-portal"
  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }
}

module "settlements" {
  source = "./modules/user-pool"

  user_pool_name         = "settlement-portal"
  advanced_security_mode = "ENFORCED"
}
