provider "aws" {
  region = "eu-west-1"
}

# Neither MFA nor threat protection: Cognito's defaults.
resource "aws_cognito_user_pool" "defaults" {
  name = "merchant-portal-defaults"
}

# Users who never set up a second factor sign in with their password alone.
resource "aws_cognito_user_pool" "optional_mfa" {
  name              = "merchant-portal"
  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }
}

# AUDIT scores the risk of each sign-in and lets it through whatever the score.
resource "aws_cognito_user_pool" "audit_only" {
  name = "partner-portal"

  user_pool_add_ons {
    advanced_security_mode = "AUDIT"
  }
}

module "settlements" {
  source = "./modules/user-pool"

  user_pool_name = "settlement-portal"
}
