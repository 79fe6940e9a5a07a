provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "analyst" {
  name = "risk-analyst"
}

# password_reset_required left unset: IAM does not ask for a new password.
resource "aws_iam_user_login_profile" "analyst" {
  user    = aws_iam_user.analyst.name
  pgp_key = "keybase:risk-team"
}

resource "aws_iam_user" "support" {
  name = "support-lead"
}

resource "aws_iam_user_login_profile" "support" {
  user                    = aws_iam_user.support.name
  password_length         = 24
  password_reset_required = false
}

module "operator" {
  source = "./modules/iam-user"

  name                    = "payments-operator"
  create_iam_access_key   = false
  password_reset_required = false
}
