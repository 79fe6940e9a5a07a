# A user pool module in the style of lgallard/terraform-aws-cognito-user-pool: the password
# policy is built from variables whose defaults are Cognito's own.
variable "user_pool_name" {
  type = string
}

variable "password_policy_minimum_length" {
  type    = number
  default = 8
}

variable "password_policy_require_lowercase" {
  type    = bool
  default = true
}

variable "password_policy_require_numbers" {
  type    = bool
  default = true
}

variable "password_policy_require_symbols" {
  type    = bool
  default = true
}

variable "password_policy_require_uppercase" {
  type    = bool
  default = true
}

resource "aws_cognito_user_pool" "pool" {
  name = var.user_pool_name

  password_policy {
    minimum_length                   = var.password_policy_minimum_length
    require_lowercase                = var.password_policy_require_lowercase
    require_numbers                  = var.password_policy_require_numbers
    require_symbols                  = var.password_policy_require_symbols
    require_uppercase                = var.password_policy_require_uppercase
    temporary_password_validity_days = 7
  }

  mfa_configuration = "OPTIONAL"

  software_token_mfa_configuration {
    enabled = true
  }
}
