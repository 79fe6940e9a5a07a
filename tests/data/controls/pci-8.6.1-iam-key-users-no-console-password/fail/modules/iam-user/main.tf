# A user module in the style of terraform-aws-modules/iam (modules/iam-user): the user, its
# console password and its access key, each behind a count.
variable "name" {
  type = string
}

variable "create_user" {
  type    = bool
  default = true
}

variable "create_iam_user_login_profile" {
  type    = bool
  default = true
}

variable "create_iam_access_key" {
  type    = bool
  default = true
}

variable "pgp_key" {
  type    = string
  default = ""
}

variable "password_length" {
  type    = number
  default = 20
}

variable "password_reset_required" {
  type    = bool
  default = true
}

resource "aws_iam_user" "this" {
  count = var.create_user ? 1 : 0

  name          = var.name
  force_destroy = false
}

resource "aws_iam_user_login_profile" "this" {
  count = var.create_user && var.create_iam_user_login_profile ? 1 : 0

  user                    = aws_iam_user.this[0].name
  pgp_key                 = var.pgp_key
  password_length         = var.password_length
  password_reset_required = var.password_reset_required

  lifecycle {
    ignore_changes = [password_reset_required]
  }
}

resource "aws_iam_access_key" "this" {
  count = var.create_user && var.create_iam_access_key ? 1 : 0

  user    = aws_iam_user.this[0].name
  pgp_key = var.pgp_key
}
