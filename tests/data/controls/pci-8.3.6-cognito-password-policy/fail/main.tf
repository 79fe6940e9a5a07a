provider "aws" {
  region = "eu-west-1"
}

# No password policy: Cognito's default of eight characters.
resource "aws_cognito_user_pool" "defaults" {
  name = "merchant-portal-defaults"

  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
}

resource "aws_cognito_user_pool" "short" {
  name = "merchant-portal"

  password_policy {
    minimum_length    = 8
    require_lowercase = true
    require_numbers   = true
    require_symbols   = true
    require_uppercase = true
  }
}

resource "aws_cognito_user_pool" "letters_only" {
  name = "back-office"

  password_policy {
    minimum_length    = 12
    require_lowercase = true
    require_numbers   = false
    require_uppercase = true
  }
}

# Inside a declared block, the flags left out are sent as false: no number is required.
resource "aws_cognito_user_pool" "flags_omitted" {
  name = "support-console"

  password_policy {
    minimum_length    = 14
    require_lowercase = true
  }
}

module "partners" {
  source = "./modules/user-pool"

  user_pool_name = "partner-portal"
}
