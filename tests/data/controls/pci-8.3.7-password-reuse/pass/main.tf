provider "aws" {
  region = "eu-west-1"
}

# One password policy per account, each through a provider that assumes a role there.
provider "aws" {
  alias  = "sandbox"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform"
  }
}

provider "aws" {
  alias  = "logging"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::777788889999:role/terraform"
  }
}

provider "aws" {
  alias  = "audit"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::222233334444:role/terraform"
  }
}

variable "password_reuse_prevention" {
  type    = number
  default = 4
}

resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length      = 14
  require_numbers              = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 24
  max_password_age             = 90
}

resource "aws_iam_account_password_policy" "four" {
  provider = aws.sandbox

  minimum_password_length      = 14
  require_numbers              = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = 4
  max_password_age             = 90
}

resource "aws_iam_account_password_policy" "from_variable" {
  provider = aws.logging

  minimum_password_length      = 14
  require_numbers              = true
  require_lowercase_characters = true
  require_uppercase_characters = true
  require_symbols              = true
  password_reuse_prevention    = var.password_reuse_prevention
  max_password_age             = 90
}

module "iam_account" {
  source                    = "./modules/iam-account"
  password_reuse_prevention = 12

  providers = {
    aws = aws.audit
  }
}
