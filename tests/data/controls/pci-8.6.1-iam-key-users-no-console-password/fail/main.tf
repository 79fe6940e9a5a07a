provider "aws" {
  region = "eu-west-1"
}

# The deployment pipeline's user: a key (Active by default) and a console password.
resource "aws_iam_user" "ci_deployer" {
  name = "ci-deployer"
  path = "/system/"
}

resource "aws_iam_access_key" "ci_deployer" {
  user = aws_iam_user.ci_deployer.name
}

resource "aws_iam_user_login_profile" "ci_deployer" {
  user                    = aws_iam_user.ci_deployer.name
  password_reset_required = true
}

# The same, written with the user's literal name.
resource "aws_iam_user" "settlement_export" {
  name = "settlement-export"
}

resource "aws_iam_access_key" "settlement_export" {
  user   = "settlement-export"
  status = "Active"
}

resource "aws_iam_user_login_profile" "settlement_export" {
  user = "settlement-export"

  depends_on = [aws_iam_user.settlement_export]
}

# The module creates a login profile and an access key unless told otherwise.
module "payments_app" {
  source = "./modules/iam-user"

  name = "payments-app"
}
