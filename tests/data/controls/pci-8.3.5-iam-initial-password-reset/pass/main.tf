provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "analyst" {
  name = "risk-analyst"
}

resource "aws_iam_user_login_profile" "analyst" {
  user                    = aws_iam_user.analyst.name
  pgp_key                 = "keybase:risk-team"
  password_reset_required = true
}

# The module requires the reset unless told otherwise.
module "operator" {
  source = "./modules/iam-user"

  name                  = "payments-operator"
  create_iam_access_key = false
}
