# The shape of terraform-aws-modules/iam//modules/iam-account: the password policy made with
# count, every setting an input with the module's default.
variable "create_account_password_policy" {
  type    = bool
  default = true
}

variable "minimum_password_length" {
  type    = number
  default = 8
}

variable "require_numbers" {
  type    = bool
  default = true
}

variable "require_lowercase_characters" {
  type    = bool
  default = true
}

variable "require_uppercase_characters" {
  type    = bool
  default = true
}

variable "require_symbols" {
  type    = bool
  default = true
}

variable "password_reuse_prevention" {
  type    = number
  default = null
}

variable "max_password_age" {
  type    = number
  default = 0
}

resource "aws_iam_account_password_policy" "this" {
  count = var.create_account_password_policy ? 1 : 0

  minimum_password_length        = var.minimum_password_length
  require_numbers                = var.require_numbers
  require_lowercase_characters   = var.require_lowercase_characters
  require_uppercase_characters   = var.require_uppercase_characters
  require_symbols                = var.require_symbols
  allow_users_to_change_password = true
  password_reuse_prevention      = var.password_reuse_prevention
  max_password_age               = var.max_password_age
}
