provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_user" "ci_deployer" {
  name = "ci-deployer"
  path = "/system/"
}

resource "aws_iam_access_key" "ci_deployer" {
  user = aws_iam_user.ci_deployer.name
}

# A person with a console password and no access key: not an application account.
resource "aws_iam_user" "auditor" {
  name = "external-auditor"
}

resource "aws_iam_user_login_profile" "auditor" {
  user                    = aws_iam_user.auditor.name
  password_reset_required = true
}

# A user whose old key was made inactive before its console password was given.
resource "aws_iam_user" "migrated" {
  name = "ops-migrated"
}

resource "aws_iam_access_key" "migrated" {
  user   = aws_iam_user.migrated.name
  status = "Inactive"
}

resource "aws_iam_user_login_profile" "migrated" {
  user                    = aws_iam_user.migrated.name
  password_reset_required = true
}

module "payments_app" {
  source = "./modules/iam-user"

  name                          = "payments-app"
  create_iam_user_login_profile = false
}
