# A user pool module in the style of lgallard/terraform-aws-cognito-user-pool: MFA and the
# threat protection add-on come from variables whose defaults leave both off.
variable "user_pool_name" {
  type = string
}

variable "mfa_configuration" {
  type    = string
  default = "OFF"
}

variable "advanced_security_mode" {
  type    = string
  default = null
}

resource "aws_cognito_user_pool" "pool" {
  name              = var.user_pool_name
  mfa_configuration = var.mfa_configuration

  dynamic "user_pool_add_ons" {
    for_each = var.advanced_security_mode == null ? [] : [var.advanced_security_mode]
    content {
      advanced_security_mode = user_pool_add_ons.value
    }
  }
}
